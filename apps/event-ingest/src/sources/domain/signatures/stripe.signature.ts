import { hmacSha256, sameDigest } from './hmac';
import { refused, verified, type SignatureInput, type SignatureVerdict } from './signature-check';

export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';
export const DEFAULT_STRIPE_TOLERANCE_SECONDS = 300;

const HEX_DIGEST = /^[0-9a-f]{64}$/;

/**
 * Stripe (docs.stripe.com/webhooks, "Verify signatures manually"):
 * `Stripe-Signature: t=<unix seconds>,v1=<hex>,v1=<hex>,v0=<hex>`. Each v1 is
 * hex(HMAC-SHA256(endpoint secret, `${t}.${raw body}`)); while a secret is being rolled Stripe sends a
 * v1 for each active secret, and any one matching is enough. v0 and unknown schemes are ignored.
 * The timestamp must be within `toleranceSeconds` of now (replay protection, Stripe's default 300 s).
 */
export function verifyStripe(
  input: SignatureInput,
  toleranceSeconds = DEFAULT_STRIPE_TOLERANCE_SECONDS,
): SignatureVerdict {
  const header = input.headers[STRIPE_SIGNATURE_HEADER];
  if (header === undefined || header.trim() === '') return refused('MISSING_SIGNATURE');
  const parsed = parseStripeSignature(header);
  if (parsed === undefined) return refused('MALFORMED_SIGNATURE');
  if (input.secrets.length === 0) return refused('NO_SECRET');
  const signedPayload = Buffer.concat([Buffer.from(`${parsed.timestamp}.`, 'utf8'), input.body]);
  const match = input.secrets.some((secret) => {
    const expected = hmacSha256(secret, signedPayload);
    return parsed.v1.some((v) => sameDigest(expected, v));
  });
  if (!match) return refused('SIGNATURE_MISMATCH');
  // Checked after the signature so an attacker cannot probe the clock with unsigned requests.
  const age = Math.abs(Math.floor(input.now.getTime() / 1000) - parsed.timestamp);
  return age <= toleranceSeconds ? verified : refused('TIMESTAMP_OUT_OF_TOLERANCE');
}

export interface StripeSignature {
  timestamp: number;
  v1: Buffer[];
}

export function parseStripeSignature(header: string): StripeSignature | undefined {
  let timestamp: number | undefined;
  const v1: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && HEX_DIGEST.test(value)) v1.push(Buffer.from(value, 'hex'));
  }
  return timestamp === undefined || v1.length === 0 ? undefined : { timestamp, v1 };
}

/** The header Stripe would send for `body` at `timestamp` (tests, the README's curl, the e2e suite). */
export function stripeSignatureHeader(secret: string, body: Buffer | string, timestamp: number): string {
  const payload = Buffer.concat([
    Buffer.from(`${timestamp}.`, 'utf8'),
    Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  ]);
  return `t=${timestamp},v1=${hmacSha256(secret, payload).toString('hex')}`;
}
