import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

// Telnyx API v2 webhooks (https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks):
//   telnyx-signature-ed25519: base64 Ed25519 signature (64 bytes)
//   telnyx-timestamp:         unix seconds when the event was signed
// The signed message is `${timestamp}|${rawBody}`; it verifies with the account's public key (base64,
// 32 raw bytes, Mission Control > Keys & Credentials > Public Key). Telnyx's SDKs refuse a timestamp
// more than 300 s away from now.
export const TELNYX_TOLERANCE_SECONDS = 300;
const RAW_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;
// DER SubjectPublicKeyInfo header for Ed25519 (RFC 8410): node:crypto imports SPKI, Telnyx publishes the raw key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type TelnyxSignatureVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: 'missing_timestamp' | 'missing_signature' | 'stale_timestamp' | 'malformed_signature' | 'bad_signature';
    };

export interface TelnyxSignedRequest {
  timestamp?: string;
  signature?: string;
  rawBody: Buffer;
}

/** The account's public key as Telnyx shows it (base64 of 32 raw bytes); throws on anything else. */
export function telnyxPublicKey(base64: string): KeyObject {
  const raw = BASE64.test(base64) ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
  if (raw.length !== RAW_KEY_BYTES) throw new Error(`a Telnyx public key is ${RAW_KEY_BYTES} bytes in base64`);
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Checks the timestamp window first (a stale request is refused whatever it carries), then the signature. */
export function verifyTelnyxSignature(req: TelnyxSignedRequest, key: KeyObject, nowMs: number): TelnyxSignatureVerdict {
  if (!req.timestamp) return { ok: false, reason: 'missing_timestamp' };
  if (!req.signature) return { ok: false, reason: 'missing_signature' };
  if (!/^\d{1,12}$/.test(req.timestamp)) return { ok: false, reason: 'stale_timestamp' };
  if (Math.abs(nowMs / 1000 - Number(req.timestamp)) > TELNYX_TOLERANCE_SECONDS)
    return { ok: false, reason: 'stale_timestamp' };
  const signature = BASE64.test(req.signature) ? Buffer.from(req.signature, 'base64') : Buffer.alloc(0);
  if (signature.length !== SIGNATURE_BYTES) return { ok: false, reason: 'malformed_signature' };
  const ok = verify(null, signedMessage(req.timestamp, req.rawBody), key, signature);
  return ok ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

/** What Telnyx does with its private key; used by the fake and the specs. */
export function signTelnyx(privateKey: KeyObject, timestamp: string, rawBody: Buffer | string): string {
  return sign(null, signedMessage(timestamp, rawBody), privateKey).toString('base64');
}

function signedMessage(timestamp: string, rawBody: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}|`), Buffer.from(rawBody)]);
}
