import { createHmac, timingSafeEqual } from 'node:crypto';

// https://www.twilio.com/docs/usage/webhooks/webhooks-security
// X-Twilio-Signature: base64(HMAC-SHA1(auth token, full URL as called + each POST parameter,
// sorted by name, as name + value with no separators)). A repeated name sorts by value.
export type FormParams = ReadonlyArray<readonly [string, string]>;

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  const sorted = [...params].sort(([ka, va], [kb, vb]) => compare(ka, kb) || compare(va, vb));
  const hmac = createHmac('sha1', authToken).update(url);
  for (const [key, value] of sorted) hmac.update(key).update(value);
  return hmac.digest('base64');
}

/**
 * Checks the header in constant time against the URL as given and the same URL with its default
 * port added or removed: Twilio's helper libraries accept either, since proxies differ on whether
 * the port Twilio called shows up in the URL.
 */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: FormParams,
  header: string | undefined,
): boolean {
  if (header === undefined || header === '') return false;
  const presented = Buffer.from(header);
  let ok = false;
  for (const candidate of urlVariants(url)) {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params));
    if (expected.length === presented.length && timingSafeEqual(expected, presented)) ok = true;
  }
  return ok;
}

function urlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const port = parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : undefined;
  if (port === undefined) return [url];
  const hostStart = url.indexOf('//') + 2;
  const pathStart = url.indexOf('/', hostStart);
  const authority = url.slice(hostStart, pathStart === -1 ? undefined : pathStart);
  const rest = pathStart === -1 ? '' : url.slice(pathStart);
  const head = url.slice(0, hostStart);
  const other = authority.endsWith(`:${port}`)
    ? authority.slice(0, -(port.length + 1))
    : parsed.port === ''
      ? `${authority}:${port}`
      : undefined;
  return other === undefined ? [url] : [url, `${head}${other}${rest}`];
}

// Code-unit order, as Twilio's libraries sort (not locale order).
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
