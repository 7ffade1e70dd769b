import { createHash, timingSafeEqual } from 'node:crypto';

// Infobip does not sign SMS delivery reports with an HMAC over the body that we could check here.
// What it documents is authentication settings on the webhook: Subscriptions Management lets a
// notification profile carry `security: { type: BASIC | HMAC | OAUTH, credentials }`, BASIC being
// `{ username, password }` sent as `Authorization: Basic ...`
// (https://www.infobip.com/docs/api/platform/subscriptions-api/create-profile). The HMAC variant's
// algorithm and header are not published, so Basic is the one scheme we can verify as documented.
// Those settings belong to a subscription; the docs do not say they also apply to a per-message
// notifyUrl, which is why the carrier can leave notifyUrl out (`deliveryReports: 'subscription'`).
// The check is required either way: a report without the credentials is refused.
// The carrier's webhook secret holds `username:password`, or `new|old` during a rotation.

/** The header Infobip sends for Basic webhook credentials `username:password`. */
export function basicAuthorization(credentials: string): string {
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}

/**
 * True when the Authorization header is Basic with one of the credentials. Digests of equal length
 * are compared in constant time, against every credential, with no early exit.
 */
export function verifyBasicAuthorization(header: string | undefined, credentials: readonly string[]): boolean {
  if (header === undefined || credentials.length === 0) return false;
  // The scheme name is case-insensitive (RFC 7617); the credentials are not.
  const presented = digest(header.trim().replace(/^basic\s+/i, 'Basic '));
  let ok = false;
  for (const c of credentials) ok = timingSafeEqual(presented, digest(basicAuthorization(c))) || ok;
  return ok;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
