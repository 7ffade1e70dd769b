import { isObject } from '../http-exchange';

/** A Telnyx error object as the API returns it in `{ errors: [...] }`. */
export interface TelnyxApiError {
  code: string;
  title: string;
  detail: string;
  source?: { pointer: string };
}

/** A documented refusal: the HTTP status and the errors the fake answers with. */
export interface Refusal {
  status: number;
  errors: TelnyxApiError[];
}

export interface SendMessageBody {
  from?: string;
  to: string;
  text: string;
  messaging_profile_id?: string;
  webhook_url?: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const SHORT_CODE = /^\d{3,8}$/;
const ALPHA_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Alphanumeric sender: 1-11 letters, digits and spaces with at least one letter
// (https://developers.telnyx.com/docs/messaging/messages/alphanumeric-sender-id).
// Body fields of POST /v2/messages (https://developers.telnyx.com/api-reference/messages/send-a-message).
const KNOWN = new Set([
  'from',
  'to',
  'text',
  'messaging_profile_id',
  'subject',
  'media_urls',
  'webhook_url',
  'webhook_failover_url',
  'use_profile_webhooks',
  'type',
  'auto_detect',
  'send_at',
]);

const err = (code: string, title: string, detail: string, pointer?: string): TelnyxApiError => ({
  code,
  title,
  detail,
  ...(pointer === undefined ? {} : { source: { pointer } }),
});

/**
 * Checks one send request the way the Telnyx API documents it, header by header and field by
 * field (codes from https://developers.telnyx.com/development/api-fundamentals/api-errors and
 * https://developers.telnyx.com/docs/messaging/messages/error-codes). Returns the refusal, or the body.
 */
export function checkSendRequest(
  req: { method?: string; path: string; headers: Record<string, string | string[] | undefined>; rawBody: string },
  apiKey: string,
): { refusal: Refusal } | { body: SendMessageBody } {
  const refuse = (status: number, ...errors: TelnyxApiError[]) => ({ refusal: { status, errors } });
  if (req.method !== 'POST' || req.path !== '/v2/messages')
    return refuse(404, err('10005', 'Resource not found', `no route ${req.method} ${req.path}`));
  if (req.headers.authorization !== `Bearer ${apiKey}`)
    return refuse(401, err('10009', 'Authentication failed', 'missing or invalid Authorization: Bearer header'));
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
    return refuse(415, err('10014', 'Unsupported Media Type', 'Content-Type must be application/json'));
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody);
  } catch {
    return refuse(400, err('10015', 'Bad Request', 'the body is not JSON'));
  }
  if (!isObject(body)) return refuse(400, err('10015', 'Bad Request', 'the body must be a JSON object'));
  const problems = fieldProblems(body);
  return problems.length > 0 ? refuse(422, ...problems) : { body: body as unknown as SendMessageBody };
}

function fieldProblems(b: Record<string, unknown>): TelnyxApiError[] {
  const out: TelnyxApiError[] = [];
  for (const key of Object.keys(b))
    if (!KNOWN.has(key)) out.push(err('10015', 'Bad Request', `unknown parameter ${key}`, `/${key}`));
  if (b.to === undefined) out.push(err('10004', 'Missing required parameter', 'to is required', '/to'));
  else if (typeof b.to !== 'string' || !(E164.test(b.to) || SHORT_CODE.test(b.to)))
    out.push(err('40310', "Invalid 'to' address", 'to must be +E.164 or a short code', '/to'));
  const alpha = typeof b.from === 'string' && ALPHA_SENDER.test(b.from);
  if (b.from !== undefined && !(typeof b.from === 'string' && (E164.test(b.from) || SHORT_CODE.test(b.from) || alpha)))
    out.push(
      err('40305', "Invalid 'from' address", 'from must be +E.164, a short code or 1-11 alphanumerics', '/from'),
    );
  if ((b.from === undefined || alpha) && b.messaging_profile_id === undefined)
    out.push(err('10004', 'Missing required parameter', 'messaging_profile_id is required', '/messaging_profile_id'));
  if (
    b.messaging_profile_id !== undefined &&
    !(typeof b.messaging_profile_id === 'string' && UUID.test(b.messaging_profile_id))
  )
    out.push(err('10006', 'Invalid ID', 'messaging_profile_id must be a UUID', '/messaging_profile_id'));
  if (typeof b.text !== 'string' || b.text === '')
    out.push(err('40316', 'No content', 'text is required for SMS', '/text'));
  if (b.media_urls !== undefined || b.subject !== undefined)
    out.push(err('40304', 'Invalid content combination', 'media_urls and subject are for MMS', '/media_urls'));
  if (b.type !== undefined && b.type !== 'SMS' && b.type !== 'MMS')
    out.push(err('10015', 'Bad Request', 'type must be SMS or MMS', '/type'));
  for (const key of ['webhook_url', 'webhook_failover_url'])
    if (b[key] !== undefined && !isUrl(b[key])) out.push(err('10003', 'Invalid URL', `${key} is not a URL`, `/${key}`));
  for (const key of ['use_profile_webhooks', 'auto_detect'])
    if (b[key] !== undefined && typeof b[key] !== 'boolean')
      out.push(err('10015', 'Bad Request', `${key} must be a boolean`, `/${key}`));
  return out;
}

function isUrl(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 2000) return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}
