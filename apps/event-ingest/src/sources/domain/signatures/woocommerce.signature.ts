import { base64Bytes, hmacSha256, sameDigest } from './hmac';
import { refused, verified, type SignatureInput, type SignatureVerdict } from './signature-check';

export const WOOCOMMERCE_SIGNATURE_HEADER = 'x-wc-webhook-signature';

/**
 * WooCommerce (WC_Webhook::generate_signature): `X-WC-Webhook-Signature` is
 * base64(hash_hmac('sha256', payload, webhook secret, raw)), the payload being the exact body sent.
 */
export function verifyWooCommerce({ headers, body, secrets }: SignatureInput): SignatureVerdict {
  const header = headers[WOOCOMMERCE_SIGNATURE_HEADER];
  if (header === undefined || header.trim() === '') return refused('MISSING_SIGNATURE');
  const presented = base64Bytes(header);
  if (presented === undefined) return refused('MALFORMED_SIGNATURE');
  if (secrets.length === 0) return refused('NO_SECRET');
  return secrets.some((s) => sameDigest(hmacSha256(s, body), presented)) ? verified : refused('SIGNATURE_MISMATCH');
}
