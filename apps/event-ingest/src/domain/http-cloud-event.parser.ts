import {
  CE_SPECVERSION,
  ID_MAX_LENGTH,
  STRUCTURED_CONTENT_TYPE,
  parseTraceparent,
  type ApiErrorCode,
} from '@herald/contracts';
import type { SourceEventRef } from './planned-notification';

export interface FieldReason {
  field: string;
  reason: string;
}

export interface HttpCloudEvent {
  event: SourceEventRef;
  subject?: string;
  traceparent?: string;
  data: unknown;
}

export type HttpCloudEventParse =
  | { ok: true; value: HttpCloudEvent }
  | { ok: false; status: 400 | 415; error: ApiErrorCode; message: string; fields: FieldReason[] };

export const BATCH_CONTENT_TYPE = 'application/cloudevents-batch+json';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const LIMITS = { id: ID_MAX_LENGTH, source: 256, type: 128, subject: 256 } as const;

type Headers = Record<string, string | undefined>;
type Attribute = 'id' | 'source' | 'type' | 'specversion' | 'time' | 'subject';

// CloudEvents HTTP binding 1.0. Binary mode: attributes in `ce-<name>` headers, the body is `data`
// (application/json). Structured mode: `Content-Type: application/cloudevents+json`, the body is the
// whole event with its attributes and `data` as members.
export function parseHttpCloudEvent(headers: Headers, body: Buffer, now: Date): HttpCloudEventParse {
  const contentType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType === BATCH_CONTENT_TYPE) return unsupported('batch mode is not supported: send one event per request');
  const structured = contentType === STRUCTURED_CONTENT_TYPE;
  if (!structured && contentType !== 'application/json' && !(contentType === '' && headers['ce-id'] !== undefined)) {
    return unsupported(
      `Content-Type must be ${STRUCTURED_CONTENT_TYPE} (structured) or application/json with ce-* headers (binary)`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return invalid('INVALID_JSON', 'request body is not valid JSON', [{ field: '$', reason: 'is not valid JSON' }]);
  }
  if (!structured)
    return fromAttributes(
      (name) => headers[`ce-${name}`],
      (name) => `ce-${name}`,
      json,
      headers.traceparent,
      now,
    );
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return invalid('ENVELOPE_INVALID', 'a structured CloudEvent must be a JSON object', [
      { field: '$', reason: 'must be a JSON object' },
    ]);
  }
  const event = json as Record<string, unknown>;
  const fields: FieldReason[] = [];
  if (event.data_base64 !== undefined)
    fields.push({ field: 'data_base64', reason: 'is not supported: send JSON data in data' });
  else if (event.data === undefined) fields.push({ field: 'data', reason: 'is required' });
  const dct = event.datacontenttype;
  if (dct !== undefined && (typeof dct !== 'string' || !dct.toLowerCase().startsWith('application/json'))) {
    fields.push({ field: 'datacontenttype', reason: 'must be application/json' });
  }
  const traceparent = headers.traceparent ?? (typeof event.traceparent === 'string' ? event.traceparent : undefined);
  return fromAttributes(
    (name) => event[name],
    (name) => name,
    event.data,
    traceparent,
    now,
    fields,
  );
}

function fromAttributes(
  read: (name: Attribute) => unknown,
  label: (name: Attribute) => string,
  data: unknown,
  traceparent: string | undefined,
  now: Date,
  fields: FieldReason[] = [],
): HttpCloudEventParse {
  const text = (name: Attribute, required: boolean, max?: number): string | undefined => {
    const value = read(name);
    if (value === undefined || value === '') {
      if (required) fields.push({ field: label(name), reason: 'is required' });
      return undefined;
    }
    if (typeof value !== 'string') fields.push({ field: label(name), reason: 'must be a string' });
    else if (max !== undefined && value.length > max)
      fields.push({ field: label(name), reason: `must be at most ${max} characters` });
    else return value;
    return undefined;
  };
  const specversion = text('specversion', true);
  if (specversion !== undefined && specversion !== CE_SPECVERSION)
    fields.push({ field: label('specversion'), reason: `must be ${CE_SPECVERSION}` });
  const id = text('id', true, LIMITS.id);
  const source = text('source', true, LIMITS.source);
  const type = text('type', true, LIMITS.type);
  const subject = text('subject', false, LIMITS.subject);
  const time = text('time', false);
  if (time !== undefined && (!RFC3339.test(time) || Number.isNaN(Date.parse(time)))) {
    fields.push({ field: label('time'), reason: 'must be an RFC 3339 timestamp like 2025-03-01T10:00:00Z' });
  }
  if (fields.length > 0 || id === undefined || source === undefined || type === undefined) {
    return invalid('ENVELOPE_INVALID', 'CloudEvents attributes are missing or malformed', fields);
  }
  const value: HttpCloudEvent = { event: { id, source, type, time: time ?? now.toISOString() }, data };
  if (subject !== undefined) value.subject = subject;
  if (parseTraceparent(traceparent)) value.traceparent = traceparent;
  return { ok: true, value };
}

function invalid(error: ApiErrorCode, message: string, fields: FieldReason[]): HttpCloudEventParse {
  return { ok: false, status: 400, error, message, fields };
}

function unsupported(message: string): HttpCloudEventParse {
  return {
    ok: false,
    status: 415,
    error: 'UNSUPPORTED_MEDIA_TYPE',
    message,
    fields: [{ field: 'Content-Type', reason: message }],
  };
}
