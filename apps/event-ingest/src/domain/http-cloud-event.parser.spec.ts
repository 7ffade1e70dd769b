import { parseHttpCloudEvent } from './http-cloud-event.parser';

const now = new Date('2025-03-01T10:00:00.000Z');
const body = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
const binaryHeaders = (extra: Record<string, string | undefined> = {}) => ({
  'content-type': 'application/json',
  'ce-id': 'evt-1',
  'ce-type': 'order.placed',
  'ce-source': 'shop',
  'ce-specversion': '1.0',
  ...extra,
});
const structured = (extra: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id: 'evt-1',
  type: 'order.placed',
  source: 'shop',
  data: { a: 1 },
  ...extra,
});
const STRUCTURED = { 'content-type': 'application/cloudevents+json; charset=utf-8' };
const TRACE = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('parseHttpCloudEvent', () => {
  it('reads binary mode: attributes from ce-* headers, the body as data, time stamped when absent', () => {
    const parsed = parseHttpCloudEvent(
      binaryHeaders({ traceparent: TRACE, 'ce-subject': '10023' }),
      body({ a: 1 }),
      now,
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        event: { id: 'evt-1', type: 'order.placed', source: 'shop', time: now.toISOString() },
        data: { a: 1 },
        subject: '10023',
        traceparent: TRACE,
      },
    });
  });

  it('reads structured mode: attributes and data from the body', () => {
    const parsed = parseHttpCloudEvent(
      STRUCTURED,
      body(structured({ time: '2025-03-01T09:00:00+01:00', traceparent: TRACE })),
      now,
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        event: { id: 'evt-1', type: 'order.placed', source: 'shop', time: '2025-03-01T09:00:00+01:00' },
        data: { a: 1 },
        traceparent: TRACE,
      },
    });
  });

  it('ignores a malformed traceparent rather than failing the event', () => {
    const parsed = parseHttpCloudEvent(binaryHeaders({ traceparent: 'nope' }), body({}), now);
    expect(parsed.ok && parsed.value.traceparent).toBeUndefined();
  });

  it.each<
    [string, Record<string, string | undefined>, unknown, number, string, Array<{ field: string; reason: string }>]
  >([
    [
      'missing binary attributes',
      binaryHeaders({ 'ce-id': undefined, 'ce-source': '' }),
      {},
      400,
      'ENVELOPE_INVALID',
      [
        { field: 'ce-id', reason: 'is required' },
        { field: 'ce-source', reason: 'is required' },
      ],
    ],
    [
      'a wrong spec version',
      binaryHeaders({ 'ce-specversion': '0.3' }),
      {},
      400,
      'ENVELOPE_INVALID',
      [{ field: 'ce-specversion', reason: 'must be 1.0' }],
    ],
    [
      'no spec version',
      binaryHeaders({ 'ce-specversion': undefined }),
      {},
      400,
      'ENVELOPE_INVALID',
      [{ field: 'ce-specversion', reason: 'is required' }],
    ],
    [
      'a bad time',
      binaryHeaders({ 'ce-time': 'yesterday' }),
      {},
      400,
      'ENVELOPE_INVALID',
      [{ field: 'ce-time', reason: 'must be an RFC 3339 timestamp like 2025-03-01T10:00:00Z' }],
    ],
    [
      'an id over 128 characters',
      binaryHeaders({ 'ce-id': 'x'.repeat(129) }),
      {},
      400,
      'ENVELOPE_INVALID',
      [{ field: 'ce-id', reason: 'must be at most 128 characters' }],
    ],
    [
      'a body that is not JSON',
      binaryHeaders(),
      '{nope',
      400,
      'INVALID_JSON',
      [{ field: '$', reason: 'is not valid JSON' }],
    ],
    [
      'structured mode without data',
      STRUCTURED,
      structured({ data: undefined }),
      400,
      'ENVELOPE_INVALID',
      [{ field: 'data', reason: 'is required' }],
    ],
    [
      'structured mode with base64 data',
      STRUCTURED,
      structured({ data: undefined, data_base64: 'eyJ9' }),
      400,
      'ENVELOPE_INVALID',
      [{ field: 'data_base64', reason: 'is not supported: send JSON data in data' }],
    ],
    [
      'structured mode with XML data',
      STRUCTURED,
      structured({ datacontenttype: 'application/xml' }),
      400,
      'ENVELOPE_INVALID',
      [{ field: 'datacontenttype', reason: 'must be application/json' }],
    ],
    [
      'structured mode with a numeric id',
      STRUCTURED,
      structured({ id: 42 }),
      400,
      'ENVELOPE_INVALID',
      [{ field: 'id', reason: 'must be a string' }],
    ],
    [
      'a structured array',
      STRUCTURED,
      [structured()],
      400,
      'ENVELOPE_INVALID',
      [{ field: '$', reason: 'must be a JSON object' }],
    ],
    [
      'batch mode',
      { 'content-type': 'application/cloudevents-batch+json' },
      [],
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      [{ field: 'Content-Type', reason: 'batch mode is not supported: send one event per request' }],
    ],
  ])('rejects %s', (_name, headers, payload, status, error, fields) => {
    expect(parseHttpCloudEvent(headers, body(payload), now)).toMatchObject({ ok: false, status, error, fields });
  });

  it('rejects other content types with 415 but reads binary mode without one when ce-id is there', () => {
    expect(parseHttpCloudEvent({ 'content-type': 'text/plain', 'ce-id': 'x' }, body({}), now)).toMatchObject({
      ok: false,
      status: 415,
    });
    expect(parseHttpCloudEvent(binaryHeaders({ 'content-type': undefined }), body({}), now).ok).toBe(true);
  });
});
