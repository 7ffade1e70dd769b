import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Signed SMS API requests and webhooks
// (https://developer.vonage.com/en/getting-started/concepts/signing-messages):
//   drop `sig`; sort the parameters by key; in every value replace `&` and `=` with `_`; join as
//   `&key=value&key=value` (note the leading `&`). Then, by the account's signature method:
//   md5hash:               hex MD5 of that string followed by the signature secret;
//   md5/sha1/sha256/sha512: hex HMAC of that string keyed by the signature secret.
// Vonage writes HMAC digests in upper-case hex, MD5 hashes in lower case: compared case-insensitively.
export const SIGNATURE_METHODS = ['md5hash', 'md5', 'sha1', 'sha256', 'sha512'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

// The docs give no window; Vonage's SDKs refuse a `timestamp` more than 5 minutes off
// (vonage-java-sdk RequestSigning.MAX_ALLOWABLE_TIME_DELTA).
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'missing_signature' | 'missing_timestamp' | 'bad_signature' | 'stale_timestamp' };

export function signatureBase(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sig')
    .sort()
    .map((key) => `&${key}=${params[key].replace(/[&=]/g, '_')}`)
    .join('');
}

export function sign(params: Readonly<Record<string, string>>, secret: string, method: SignatureMethod): string {
  const base = signatureBase(params);
  if (method === 'md5hash')
    return createHash('md5')
      .update(base + secret, 'utf8')
      .digest('hex');
  return createHmac(method, secret).update(base, 'utf8').digest('hex').toUpperCase();
}

/**
 * Checks `sig` over the other parameters, then the `timestamp` window (an authentic but old
 * callback is stale, not forged). Constant-time comparison.
 */
export function verifySignature(
  params: Readonly<Record<string, string>>,
  secret: string,
  method: SignatureMethod,
  nowMs: number,
): SignatureCheck {
  const presented = params.sig;
  if (presented === undefined || presented === '') return { ok: false, reason: 'missing_signature' };
  const timestamp = params.timestamp;
  if (timestamp === undefined || timestamp === '') return { ok: false, reason: 'missing_timestamp' };
  const matches = candidates(params).map((p) => same(sign(p, secret, method), presented));
  if (!matches.includes(true)) return { ok: false, reason: 'bad_signature' };
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!(Math.abs(nowMs / 1000 - seconds) <= SIGNATURE_TOLERANCE_SECONDS))
    return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}

// The docs sign every parameter; Vonage's Java SDK leaves out empty ones. Both are tried when a
// value is empty, so either reading of the docs verifies.
function candidates(params: Readonly<Record<string, string>>): Array<Readonly<Record<string, string>>> {
  const filled = Object.fromEntries(Object.entries(params).filter(([, v]) => v.trim() !== ''));
  return Object.keys(filled).length === Object.keys(params).length ? [params] : [params, filled];
}

function same(expectedHex: string, presented: string): boolean {
  const a = Buffer.from(expectedHex.toLowerCase(), 'utf8');
  const b = Buffer.from(presented.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
