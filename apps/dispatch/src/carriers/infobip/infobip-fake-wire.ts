import type { IncomingHttpHeaders } from 'node:http';

// The fake Infobip's wire: what it accepts on POST /sms/2/text/advanced, field by field, from
// https://dev-old.infobip.com/send-sms/fully-featured-text-message (problems name the field, never
// its value: a destination is a phone number), and what it answers and reports.

const TOP_KEYS = ['bulkId', 'messages', 'tracking', 'sendingSpeedLimit', 'urlOptions', 'includeSmsCountInResponse'];
const MESSAGE_KEYS = [
  'from',
  'destinations',
  'text',
  'flash',
  'transliteration',
  'languageCode',
  'intermediateReport',
  'notifyUrl',
  'notifyContentType',
  'callbackData',
  'validityPeriod',
  'sendAt',
  'deliveryTimeWindow',
  'regional',
  'entityId',
  'applicationId',
];

export interface SendCheck {
  /** 401 when the App key is wrong, 400 for any other problem. */
  status?: 400 | 401 | 404;
  problems: string[];
  body?: { messages: Array<Record<string, unknown>> } & Record<string, unknown>;
}

export function checkSendRequest(
  method: string | undefined,
  path: string | undefined,
  headers: IncomingHttpHeaders,
  rawBody: string,
  apiKey: string,
): SendCheck {
  if (method !== 'POST' || path !== '/sms/2/text/advanced')
    return { status: 404, problems: [`${method} ${path} is not the send endpoint`] };
  if (headers.authorization !== `App ${apiKey}`)
    return { status: 401, problems: ['Authorization must be "App <api key>"'] };
  const problems: string[] = [];
  if (!/^application\/json(;|$)/.test(headers['content-type'] ?? ''))
    problems.push('Content-Type must be application/json');
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { status: 400, problems: [...problems, 'body is not JSON'] };
  }
  if (!isRecord(body)) return { status: 400, problems: [...problems, 'body must be an object'] };
  problems.push(...unknownKeys(body, TOP_KEYS, ''));
  if (body.includeSmsCountInResponse !== undefined && typeof body.includeSmsCountInResponse !== 'boolean')
    problems.push('includeSmsCountInResponse must be a boolean');
  if (!Array.isArray(body.messages) || body.messages.length === 0) problems.push('messages must be a non-empty array');
  else body.messages.forEach((m: unknown, i) => problems.push(...checkMessage(m, `messages[${i}]`)));
  return problems.length > 0
    ? { status: 400, problems }
    : { problems, body: body as SendCheck['body'] & Record<string, unknown> };
}

function checkMessage(m: unknown, at: string): string[] {
  if (!isRecord(m)) return [`${at} must be an object`];
  const problems = unknownKeys(m, MESSAGE_KEYS, `${at}.`);
  if (m.from !== undefined && !(typeof m.from === 'string' && /^([A-Za-z0-9 ]{3,11}|\d{3,14})$/.test(m.from)))
    problems.push(`${at}.from must be 3-11 alphanumerics or 3-14 digits`);
  if (typeof m.text !== 'string' || m.text.length === 0) problems.push(`${at}.text must be a non-empty string`);
  if (!Array.isArray(m.destinations) || m.destinations.length === 0)
    problems.push(`${at}.destinations must be a non-empty array`);
  else
    m.destinations.forEach((d: unknown, i) => {
      const where = `${at}.destinations[${i}]`;
      if (!isRecord(d)) return problems.push(`${where} must be an object`);
      problems.push(...unknownKeys(d, ['to', 'messageId'], `${where}.`));
      if (typeof d.to !== 'string' || !/^\d{6,15}$/.test(d.to))
        problems.push(`${where}.to must be an international number, digits only`);
      if (d.messageId !== undefined && !(typeof d.messageId === 'string' && d.messageId.length <= 200))
        problems.push(`${where}.messageId must be a string of at most 200 characters`);
    });
  if (m.notifyUrl !== undefined && !(typeof m.notifyUrl === 'string' && /^https?:\/\/\S+$/.test(m.notifyUrl)))
    problems.push(`${at}.notifyUrl must be an http(s) URL`);
  if (
    m.notifyContentType !== undefined &&
    !['application/json', 'application/xml'].includes(String(m.notifyContentType))
  )
    problems.push(`${at}.notifyContentType must be application/json or application/xml`);
  if (m.callbackData !== undefined && !(typeof m.callbackData === 'string' && m.callbackData.length <= 4000))
    problems.push(`${at}.callbackData must be a string of at most 4000 characters`);
  if (m.validityPeriod !== undefined && !(Number.isInteger(m.validityPeriod) && (m.validityPeriod as number) > 0))
    problems.push(`${at}.validityPeriod must be a positive integer (minutes)`);
  for (const flag of ['flash', 'intermediateReport'])
    if (m[flag] !== undefined && typeof m[flag] !== 'boolean') problems.push(`${at}.${flag} must be a boolean`);
  return problems;
}

function unknownKeys(o: Record<string, unknown>, known: readonly string[], at: string): string[] {
  return Object.keys(o)
    .filter((k) => !known.includes(k))
    .map((k) => `${at}${k} is not a documented field`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Billed parts as Infobip counts them: GSM-7 160/153 (extension characters count 2), else UCS-2 70/67. */
export function smsCount(text: string): number {
  const gsm = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;
  if (gsm.test(text)) {
    const septets = [...text].reduce((n, c) => n + ('^{}\\[~]|€'.includes(c) ? 2 : 1), 0);
    return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  const units = text.length;
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

/** How the fake ends each accepted message in its delivery report. */
export type InfobipFinal =
  | { kind: 'delivered' }
  | { kind: 'undelivered'; errorId?: number; errorName?: string; permanent?: boolean }
  | { kind: 'expired' }
  | { kind: 'rejected' };

// Status and error objects as https://www.infobip.com/docs/essentials/response-status-and-error-codes
// lists them; error codes of failed requests as Infobip's own API clients expect them.
export const STATUS = {
  accepted: {
    groupId: 1,
    groupName: 'PENDING',
    id: 26,
    name: 'PENDING_ACCEPTED',
    description: 'Message sent to next instance',
  },
  delivered: {
    groupId: 3,
    groupName: 'DELIVERED',
    id: 5,
    name: 'DELIVERED_TO_HANDSET',
    description: 'Message delivered to handset',
  },
  undelivered: {
    groupId: 2,
    groupName: 'UNDELIVERABLE',
    id: 9,
    name: 'UNDELIVERABLE_NOT_DELIVERED',
    description: 'Message sent not delivered',
  },
  expired: { groupId: 4, groupName: 'EXPIRED', id: 15, name: 'EXPIRED_EXPIRED', description: 'Message expired' },
  rejected: { groupId: 5, groupName: 'REJECTED', id: 6, name: 'REJECTED_NETWORK', description: 'Network is forbidden' },
};
const NO_ERROR = { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false };
const ERROR_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  429: 'TOO_MANY_REQUESTS',
};

export function errorBody(status: number, text = 'Error', code?: string) {
  return { requestError: { serviceException: { messageId: code ?? ERROR_CODES[status] ?? 'GENERAL_ERROR', text } } };
}

/** One `results[]` entry of a delivery report, as the report webhook documents it. */
export function deliveryReport(
  f: InfobipFinal,
  bulkId: string,
  m: { to: string; messageId: string },
  count: number,
  callbackData: unknown,
): Record<string, unknown> {
  const error =
    f.kind === 'undelivered'
      ? {
          groupId: 1,
          groupName: 'HANDSET_ERRORS',
          id: f.errorId ?? 27,
          name: f.errorName ?? 'EC_ABSENT_SUBSCRIBER',
          description: 'Absent Subscriber',
          permanent: f.permanent ?? false,
        }
      : NO_ERROR;
  const now = new Date().toISOString().replace('Z', '+0000');
  return {
    bulkId,
    messageId: m.messageId,
    to: m.to,
    sentAt: now,
    doneAt: now,
    smsCount: count,
    price: { pricePerMessage: 0.01 * count, currency: 'EUR' },
    status: STATUS[f.kind],
    error,
    ...(typeof callbackData === 'string' ? { callbackData } : {}),
  };
}
