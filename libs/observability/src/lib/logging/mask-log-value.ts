import { maskPhone } from '@herald/pii';
import { maskLogText } from './mask-log-text';

const PHONE_KEYS = /^(phone|to|msisdn|destination_addr|source_addr|e164)$/i;
const SECRET_KEYS =
  /^(otp|code|pin|password|passwd|secret|secrets|token|apiKey|api_key|authorization|body|text|short_message|message_payload|variables)$/i;
// Positions, sizes and counts: never a number anybody can dial, kept whole even as strings.
const COUNTER_KEYS =
  /^(offset|highWatermark|lag|partition|bytes|size|length|count|pid|port|time|timestamp)$|(Offset|Bytes|Ms|At|Count)$/;
// Trace and span ids (hex) and UUIDs are often runs of digits that look like a phone number; under
// an id key and in exactly that shape, they are kept so a log line can be joined to its trace.
const ID_KEYS = /(^id|Id)$/;
const ID_VALUE = /^([0-9a-f]{16}|[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const MAX_DEPTH = 6;

/**
 * Walks a log record: values under secret-looking keys are redacted, phone fields keep only their
 * last two digits, every other string goes through maskLogText (phone numbers and OTP-shaped codes
 * only; timestamps, offsets and byte counts stay readable). Logs are low volume, so a walk
 * per record is affordable.
 */
export function maskLogValue(value: unknown, key = '', depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (SECRET_KEYS.test(key)) return '[redacted]';
  if (typeof value === 'string') {
    if (PHONE_KEYS.test(key)) return maskPhone(value);
    if (COUNTER_KEYS.test(key) && /^\d[\dTZ:.+-]*$/.test(value)) return value;
    return ID_KEYS.test(key) && ID_VALUE.test(value) ? value : maskLogText(value);
  }
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskLogText(value.message), code: (value as { code?: unknown }).code };
  }
  if (Array.isArray(value)) return value.map((v) => maskLogValue(v, key, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskLogValue(v, k, depth + 1);
  return out;
}
