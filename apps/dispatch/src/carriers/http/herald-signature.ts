import { createHmac, timingSafeEqual } from 'node:crypto';

// Carrier status webhooks:
//   X-Herald-Timestamp: <unix seconds>
//   X-Herald-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>[,v1=<hex>...]
// Several v1 entries let a carrier sign with its old and new secret during a rotation.
export const SIGNATURE_TOLERANCE_SECONDS = 300;
const SCHEME = 'v1=';
const DIGEST_BYTES = 32;

export type WebhookRejection =
  | 'unknown_carrier'
  | 'missing_timestamp'
  | 'missing_signature'
  | 'malformed_signature'
  | 'stale_timestamp'
  | 'bad_signature'
  | 'replay';

export type SignatureVerdict =
  | { ok: true; signature: string; timestampSeconds: number }
  | { ok: false; reason: Exclude<WebhookRejection, 'replay'> };

export interface SignedRequest {
  timestamp?: string;
  signature?: string;
  rawBody: Buffer;
}

export function signWebhook(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/**
 * Checks the timestamp window first (a stale request is refused whatever it carries), then every
 * presented signature against every secret in constant time; no early exit on a match.
 */
export function verifySignature(req: SignedRequest, secrets: readonly string[], nowMs: number): SignatureVerdict {
  if (secrets.length === 0) return { ok: false, reason: 'unknown_carrier' };
  if (!req.timestamp) return { ok: false, reason: 'missing_timestamp' };
  if (!req.signature) return { ok: false, reason: 'missing_signature' };
  if (!/^\d{1,12}$/.test(req.timestamp)) return { ok: false, reason: 'stale_timestamp' };
  const timestampSeconds = Number(req.timestamp);
  if (Math.abs(nowMs / 1000 - timestampSeconds) > SIGNATURE_TOLERANCE_SECONDS)
    return { ok: false, reason: 'stale_timestamp' };
  const presented = parseSignatures(req.signature);
  if (presented.length === 0) return { ok: false, reason: 'malformed_signature' };
  let matched: string | undefined;
  for (const secret of secrets) {
    const expected = Buffer.from(signWebhook(secret, req.timestamp, req.rawBody), 'hex');
    for (const candidate of presented) {
      if (timingSafeEqual(expected, candidate) && matched === undefined) matched = candidate.toString('hex');
    }
  }
  return matched === undefined
    ? { ok: false, reason: 'bad_signature' }
    : { ok: true, signature: matched, timestampSeconds };
}

function parseSignatures(header: string): Buffer[] {
  const out: Buffer[] = [];
  for (const part of header.split(',').map((p) => p.trim())) {
    if (!part.startsWith(SCHEME)) continue;
    const hex = part.slice(SCHEME.length);
    if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === DIGEST_BYTES * 2) out.push(Buffer.from(hex, 'hex'));
  }
  return out;
}
