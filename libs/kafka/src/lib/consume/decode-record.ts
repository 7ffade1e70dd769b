import {
  HeraldError,
  decodeEnvelope,
  isHeraldError,
  parseTraceparent,
  validateTopicPayload,
  TRACEPARENT_HEADER,
  type RecordHeaders,
  type TopicName,
} from '@herald/contracts';
import type { ConsumedMessage, RawRecord } from './consumed-message';

export function headersToStrings(headers: RawRecord['headers']): RecordHeaders {
  const out: RecordHeaders = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k] = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  }
  return out;
}

/** For log lines about a record that may not even decode. */
export function traceIdOf(raw: RawRecord): string | undefined {
  const value = raw.headers[TRACEPARENT_HEADER];
  return parseTraceparent(Buffer.isBuffer(value) ? value.toString('utf8') : value)?.traceId;
}

/** Bytes -> envelope -> contract, once. Anything that fails is a non-retriable HeraldError. */
export function decodeRecord<T>(raw: RawRecord, maxBytes: number): ConsumedMessage<T> | HeraldError {
  const size = raw.value?.length ?? 0;
  if (size > maxBytes) return new HeraldError('PAYLOAD_TOO_LARGE', `record is ${size} bytes, limit ${maxBytes}`);
  if (!raw.value) return new HeraldError('UNDECODABLE_RECORD', 'record has no value (tombstone)');
  const headers = headersToStrings(raw.headers);
  try {
    const { attributes, data } = decodeEnvelope(headers, raw.value.toString('utf8'), raw.topic);
    const result = validateTopicPayload(raw.topic as TopicName, data);
    if (!result.ok) {
      const detail = result.errors
        .slice(0, 5)
        .map((e) => `${e.field} ${e.reason}`)
        .join('; ');
      return new HeraldError('CONTRACT_VIOLATION', `${raw.topic}: ${detail}`, { details: { errors: result.errors } });
    }
    return {
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      key: raw.key ? raw.key.toString('utf8') : null,
      headers,
      attributes,
      payload: result.value as T,
      timestamp: Number(raw.timestamp),
    };
  } catch (e) {
    return isHeraldError(e) ? e : new HeraldError('UNDECODABLE_RECORD', (e as Error).message);
  }
}
