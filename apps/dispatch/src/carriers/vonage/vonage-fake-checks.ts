import { analyze, SEGMENT_LIMITS } from '@herald/sms-encoding';
import type { IncomingMessage } from 'node:http';

// What the fake Vonage SMS API accepts, field by field, from the API reference
// (https://developer.vonage.com/en/api/sms#send-an-sms, OpenAPI sms.yml 1.0.10). Herald never
// signs its sends, so `sig`/`timestamp` are not expected.
const KNOWN = new Set([
  'api_key',
  'api_secret',
  'from',
  'to',
  'text',
  'ttl',
  'status-report-req',
  'callback',
  'message-class',
  'type',
  'client-ref',
  'account-ref',
  'entity-id',
  'content-id',
]);

export interface CheckedSend {
  /** Documented status for the first problem: 2 missing parameter, 3 invalid parameter. */
  problems: Array<{ status: '2' | '3'; text: string }>;
  params: Record<string, string>;
}

export function checkSend(req: IncomingMessage, body: string): CheckedSend {
  const problems: CheckedSend['problems'] = [];
  const invalid = (text: string) => problems.push({ status: '3', text });
  const url = new URL(req.url ?? '/', 'http://fake');
  if (req.method !== 'POST') invalid(`method ${req.method} (POST expected)`);
  if (url.pathname !== '/sms/json') invalid(`path ${url.pathname} (/sms/json expected)`);
  if (url.search !== '') invalid('parameters in the query string');
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded(;|$)/.test(type)) invalid(`content-type "${type}"`);
  const form = new URLSearchParams(body);
  const params: Record<string, string> = {};
  for (const [key, value] of form) {
    if (!KNOWN.has(key)) invalid(`unknown parameter ${key}`);
    if (key in params) invalid(`parameter ${key} repeated`);
    params[key] = value;
  }
  for (const key of ['api_key', 'api_secret', 'from', 'to', 'text'])
    if (!params[key]) problems.push({ status: '2', text: `Missing ${key} param` });
  const p = params;
  if (p.api_key && !/^[A-Za-z0-9]{8}$/.test(p.api_key)) invalid('api_key must be 8 characters');
  if (p.api_secret && (p.api_secret.length < 6 || p.api_secret.length > 32))
    invalid('api_secret must be 6-32 characters');
  if (p.from && !/^(\d{1,15}|[A-Za-z0-9 ._&-]{1,11})$/.test(p.from))
    invalid('from must be digits (no +) or <= 11 alphanumerics');
  if (p.to && !/^\d{7,15}$/.test(p.to)) invalid('to must be 7-15 digits without +');
  if (p.type !== undefined && !['text', 'unicode'].includes(p.type)) invalid(`type ${p.type}`);
  if (p.text && (p.type ?? 'text') === 'text' && analyze(p.text).encoding !== 'GSM7')
    invalid('type=text for a text outside the GSM-7 alphabet (type=unicode expected)');
  if (p['status-report-req'] !== undefined && !['0', '1', 'true', 'false'].includes(p['status-report-req']))
    invalid('status-report-req must be a boolean');
  if (p.callback !== undefined && !/^https?:\/\/\S+$/.test(p.callback)) invalid('callback must be an http(s) URL');
  if (p['client-ref'] !== undefined && p['client-ref'].length > 40) invalid('client-ref longer than 40 characters');
  if (p.ttl !== undefined && !(/^\d+$/.test(p.ttl) && +p.ttl >= 20_000 && +p.ttl <= 604_800_000))
    invalid('ttl must be an integer in [20000, 604800000]');
  for (const key of ['entity-id', 'content-id', 'account-ref'] as const)
    if (p[key] !== undefined && p[key] === '') invalid(`${key} is empty`);
  return { problems, params };
}

/** Parts Vonage bills for a text: GSM-7 septets 160/153, or UCS-2 code units 70/67. */
export function partsOf(text: string, type: string): number {
  const unicode = type === 'unicode';
  const units = unicode ? text.length : analyze(text).units;
  const { single, multi } = SEGMENT_LIMITS[unicode ? 'UCS2' : 'GSM7'];
  return units <= single ? 1 : Math.ceil(units / multi);
}
