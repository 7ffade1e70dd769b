import { base64Bytes, hmacSha256, sameDigest } from './hmac';
import { refused, verified, type SignatureInput, type SignatureVerdict } from './signature-check';

export const SHOPIFY_HMAC_HEADER = 'x-shopify-hmac-sha256';

/**
 * Shopify (shopify.dev, "Verify webhook deliveries"): `X-Shopify-Hmac-Sha256` is the base64 of
 * HMAC-SHA256(app client secret, raw request body). After a client secret rotation Shopify may sign
 * with the old secret for up to an hour, so every configured secret is tried.
 */
export function verifyShopify({ headers, body, secrets }: SignatureInput): SignatureVerdict {
  const header = headers[SHOPIFY_HMAC_HEADER];
  if (header === undefined || header.trim() === '') return refused('MISSING_SIGNATURE');
  const presented = base64Bytes(header);
  if (presented === undefined) return refused('MALFORMED_SIGNATURE');
  if (secrets.length === 0) return refused('NO_SECRET');
  return secrets.some((s) => sameDigest(hmacSha256(s, body), presented)) ? verified : refused('SIGNATURE_MISMATCH');
}
