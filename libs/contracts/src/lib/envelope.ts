import { HeraldError } from './errors';
import { parseTraceparent } from './traceparent';

// CloudEvents 1.0 Kafka protocol binding. Binary mode: attributes travel as `ce_<name>` headers and the
// record value is the JSON `data`. Structured mode: the value is the whole event as JSON and the
// `content-type` header is `application/cloudevents+json`.
export const CeHeader = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  specversion: 'ce_specversion',
  subject: 'ce_subject',
  dataschema: 'ce_dataschema',
} as const;

export const TRACEPARENT_HEADER = 'traceparent';
export const CONTENT_TYPE_HEADER = 'content-type';
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';
export const JSON_CONTENT_TYPE = 'application/json';
export const CE_SPECVERSION = '1.0';

export interface EnvelopeAttributes {
  id: string;
  type: string;
  source: string;
  time: string;
  specversion: '1.0';
  subject?: string;
  dataschema?: string;
  traceparent?: string;
}

export interface DecodedEnvelope {
  attributes: EnvelopeAttributes;
  data: unknown;
}

export type RecordHeaders = Record<string, string | undefined>;

type AttributeName = keyof typeof CeHeader | 'traceparent';
type RawAttributes = Partial<Record<AttributeName, string>>;
type Mode = 'binary' | 'structured';

/** `fallbackType` (the topic name) stands in for a missing `type`; `now` stamps a missing `time`. */
export function decodeEnvelope(
  headers: RecordHeaders,
  value: string,
  fallbackType?: string,
  now: () => Date = () => new Date(),
): DecodedEnvelope {
  const json = parseJson(value);
  if (!isStructured(headers, json)) {
    const raw: RawAttributes = { traceparent: headers[TRACEPARENT_HEADER] };
    for (const name of Object.keys(CeHeader) as (keyof typeof CeHeader)[]) raw[name] = headers[CeHeader[name]];
    return { attributes: toAttributes(raw, 'binary', fallbackType, now), data: json };
  }
  if (!isObject(json)) throw invalid('structured event must be a JSON object', 'structured');
  const raw: RawAttributes = {};
  for (const name of [...Object.keys(CeHeader), 'traceparent'] as AttributeName[]) {
    const attribute = json[name];
    if (typeof attribute === 'string') raw[name] = attribute;
  }
  raw.traceparent = headers[TRACEPARENT_HEADER] ?? raw.traceparent;
  return { attributes: toAttributes(raw, 'structured', fallbackType, now), data: json.data };
}

export function encodeHeaders(attributes: EnvelopeAttributes): Record<string, string> {
  const headers: Record<string, string> = { [CONTENT_TYPE_HEADER]: JSON_CONTENT_TYPE };
  for (const name of Object.keys(CeHeader) as (keyof typeof CeHeader)[]) {
    const attribute = attributes[name];
    if (attribute !== undefined) headers[CeHeader[name]] = attribute;
  }
  if (attributes.traceparent !== undefined) headers[TRACEPARENT_HEADER] = attributes.traceparent;
  return headers;
}

function isStructured(headers: RecordHeaders, json: unknown): boolean {
  if (headers[CONTENT_TYPE_HEADER]?.toLowerCase().startsWith(STRUCTURED_CONTENT_TYPE)) return true;
  return headers[CeHeader.id] === undefined && isObject(json) && 'specversion' in json && 'data' in json;
}

function toAttributes(
  raw: RawAttributes,
  mode: Mode,
  fallbackType: string | undefined,
  now: () => Date,
): EnvelopeAttributes {
  const label = (name: keyof typeof CeHeader) => (mode === 'binary' ? CeHeader[name] : name);
  const id = raw.id || missing(label('id'), mode);
  const source = raw.source || missing(label('source'), mode);
  const type = raw.type || fallbackType || missing(label('type'), mode);
  if (raw.specversion !== undefined && raw.specversion !== CE_SPECVERSION) {
    throw invalid(`unsupported ${label('specversion')} ${raw.specversion}`, mode);
  }
  const time = raw.time || now().toISOString();
  if (Number.isNaN(Date.parse(time))) throw invalid(`invalid ${label('time')}`, mode);
  const attributes: EnvelopeAttributes = { id, type, source, time, specversion: CE_SPECVERSION };
  if (raw.subject) attributes.subject = raw.subject;
  if (raw.dataschema) attributes.dataschema = raw.dataschema;
  if (parseTraceparent(raw.traceparent)) attributes.traceparent = raw.traceparent;
  return attributes;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (cause) {
    throw new HeraldError('UNDECODABLE_RECORD', 'record value is not valid JSON', { cause });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function missing(attribute: string, mode: Mode): never {
  throw invalid(`missing ${attribute}`, mode);
}

function invalid(message: string, mode: Mode): HeraldError {
  return new HeraldError('ENVELOPE_INVALID', message, { details: { mode } });
}
