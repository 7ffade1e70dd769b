import { analyze } from '@herald/sms-encoding';

// The Twilio fake's wire formats. What it checks on each Create Message request, field by field,
// against https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
// and the error each problem gets (https://www.twilio.com/docs/api/errors): the first problem
// decides the answer, every problem is recorded.

export interface TwilioApiError {
  status: number;
  code: number;
  message: string;
}

export interface CheckedCreate {
  problems: Array<TwilioApiError & { field: string }>;
  /** The form's parameters (repeats kept). */
  params: Array<[string, string]>;
}

// Every parameter Create Message documents; anything else is a client bug.
const DOCUMENTED = new Set([
  'To',
  'From',
  'MessagingServiceSid',
  'Body',
  'MediaUrl',
  'ContentSid',
  'ContentVariables',
  'StatusCallback',
  'ApplicationSid',
  'MaxPrice',
  'ProvideFeedback',
  'Attempt',
  'ValidityPeriod',
  'ForceDelivery',
  'ContentRetention',
  'AddressRetention',
  'SmartEncoded',
  'PersistentAction',
  'ShortenUrls',
  'ScheduleType',
  'SendAt',
  'SendAsMms',
  'RiskCheck',
  'Tags',
]);
const E164 = /^\+[1-9]\d{1,14}$/;
const SENDER = /^(\+[1-9]\d{1,14}|\d{3,8}|[A-Za-z0-9 ]{1,11})$/;
const SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;
const MAX_BODY = 1600;

export function checkCreateRequest(
  req: { method?: string; path: string; headers: Record<string, string | string[] | undefined>; body: string },
  account: { sid: string; authToken: string },
): CheckedCreate {
  const problems: CheckedCreate['problems'] = [];
  const bad = (field: string, status: number, code: number, message: string) =>
    problems.push({ field, status, code, message });
  if (req.method !== 'POST') bad('method', 405, 20004, 'Method not allowed');
  if (req.path !== `/2010-04-01/Accounts/${account.sid}/Messages.json`)
    bad('path', 404, 20404, 'The requested resource was not found');
  const basic = `Basic ${Buffer.from(`${account.sid}:${account.authToken}`).toString('base64')}`;
  if (req.headers.authorization !== basic) bad('authorization', 401, 20003, 'Authenticate');
  const contentType = String(req.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/x-www-form-urlencoded'))
    bad('content-type', 400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
  const params = [...new URLSearchParams(req.body)];
  const names = params.map(([k]) => k);
  for (const name of new Set(names)) {
    if (!DOCUMENTED.has(name)) bad(name, 400, 20001, `Unknown parameter ${name}`);
    else if (names.filter((n) => n === name).length > 1 && name !== 'MediaUrl')
      bad(name, 400, 20001, `Parameter ${name} given more than once`);
  }
  const get = (name: string) => params.find(([k]) => k === name)?.[1];
  const to = get('To');
  if (to === undefined) bad('To', 400, 21604, "A 'To' phone number is required.");
  else if (!E164.test(to)) bad('To', 400, 21211, "Invalid 'To' Phone Number");
  const from = get('From');
  const service = get('MessagingServiceSid');
  if (from === undefined && service === undefined)
    bad('From', 400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message");
  if (from !== undefined && !SENDER.test(from)) bad('From', 400, 21212, "Invalid 'From' Number");
  if (service !== undefined && !SERVICE_SID.test(service))
    bad('MessagingServiceSid', 400, 21701, 'The Messaging Service does not exist');
  const body = get('Body');
  if (body === undefined || body === '') bad('Body', 400, 21602, 'Message body is required.');
  else if ([...body].length > MAX_BODY)
    bad('Body', 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
  const callback = get('StatusCallback');
  if (callback !== undefined && !validCallback(callback)) bad('StatusCallback', 400, 21609, "Invalid 'StatusCallback'");
  const validity = get('ValidityPeriod');
  if (validity !== undefined && !(/^\d{1,5}$/.test(validity) && +validity >= 1 && +validity <= 36_000))
    bad('ValidityPeriod', 400, 21624, 'Invalid validity period value');
  return { problems, params };
}

// A fully qualified http(s) URL of at most 4000 characters, with no underscore in its hostname.
function validCallback(value: string): boolean {
  if (value.length > 4000) return false;
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.hostname.includes('_')
    );
  } catch {
    return false;
  }
}

export function errorBody(e: TwilioApiError) {
  return {
    code: e.code,
    message: e.message,
    more_info: `https://www.twilio.com/docs/errors/${e.code}`,
    status: e.status,
  };
}

/** The Message resource a 201 carries. */
export function messageResource(sid: string, accountSid: string, form: Record<string, string>) {
  const viaService = form.MessagingServiceSid !== undefined;
  const now = new Date().toUTCString().replace('GMT', '+0000');
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}`;
  return {
    sid,
    account_sid: accountSid,
    messaging_service_sid: form.MessagingServiceSid ?? null,
    to: form.To,
    from: viaService ? null : form.From,
    body: form.Body,
    status: viaService ? 'accepted' : 'queued',
    // "0" when a Messaging Service sends: it counts the segments once it has picked the sender.
    num_segments: viaService ? '0' : String(analyze(form.Body).segments),
    num_media: '0',
    direction: 'outbound-api',
    api_version: '2010-04-01',
    date_created: now,
    date_updated: now,
    date_sent: null,
    price: null,
    price_unit: 'USD',
    error_code: null,
    error_message: null,
    uri: `${uri}.json`,
    subresource_uris: { media: `${uri}/Media.json` },
  };
}

/** How an accepted message ends: its last StatusCallback. */
export type TwilioFinal = { status: 'delivered' } | { status: 'undelivered' | 'failed'; errorCode: number };

const SENDER_OF_SERVICE = '+15017122661';

/**
 * The StatusCallbacks of one message, in order. None for the initial status (queued, or accepted
 * with a Messaging Service, whose message reports `queued` once it has a sender); `failed` was
 * never sent, so no `sent` before it. ErrorCode on the final failure, RawDlrDoneDate (YYMMDDhhmm)
 * on a carrier's receipt.
 */
export function callbackParams(
  sid: string,
  accountSid: string,
  form: Record<string, string>,
  final: TwilioFinal,
): Array<Record<string, string>> {
  const statuses = [
    ...(form.MessagingServiceSid !== undefined ? ['queued'] : []),
    ...(final.status === 'failed' ? [] : ['sent']),
    final.status,
  ];
  return statuses.map((status, i) => {
    const last = i === statuses.length - 1;
    return {
      SmsSid: sid,
      SmsStatus: status,
      MessageStatus: status,
      To: form.To,
      MessageSid: sid,
      AccountSid: accountSid,
      From: form.From ?? SENDER_OF_SERVICE,
      ApiVersion: '2010-04-01',
      ...(form.MessagingServiceSid === undefined ? {} : { MessagingServiceSid: form.MessagingServiceSid }),
      ...(last && 'errorCode' in final ? { ErrorCode: String(final.errorCode) } : {}),
      ...(last && final.status !== 'failed'
        ? { RawDlrDoneDate: new Date().toISOString().replace(/[-T:]/g, '').slice(2, 12) }
        : {}),
    };
  });
}
