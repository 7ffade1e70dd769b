import {
  CeHeader,
  decodeEnvelope,
  encodeHeaders,
  EnvelopeAttributes,
  RecordHeaders,
  STRUCTURED_CONTENT_TYPE,
} from './envelope';
import { HeraldError } from './errors';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const data = { orderId: '10023', customer: { phone: '+33 6 12 34 56 78' } };
const binaryHeaders: RecordHeaders = {
  ce_id: 'evt-1',
  ce_type: 'order.placed',
  ce_source: 'shop-fr',
  ce_time: '2025-03-01T10:00:00Z',
  ce_specversion: '1.0',
  ce_subject: '10023',
  traceparent: TRACEPARENT,
};
const fixedNow = () => new Date('2025-03-01T12:00:00.000Z');

function decodeError(headers: RecordHeaders, value: string, fallbackType?: string): HeraldError {
  try {
    decodeEnvelope(headers, value, fallbackType);
  } catch (e) {
    if (e instanceof HeraldError) return e;
  }
  throw new Error('expected a HeraldError');
}

describe('decodeEnvelope, binary mode', () => {
  it('reads attributes from ce_* headers and data from the value', () => {
    const { attributes, data: decoded } = decodeEnvelope(binaryHeaders, JSON.stringify(data));
    expect(attributes).toEqual({
      id: 'evt-1',
      type: 'order.placed',
      source: 'shop-fr',
      time: '2025-03-01T10:00:00Z',
      specversion: '1.0',
      subject: '10023',
      traceparent: TRACEPARENT,
    });
    expect(decoded).toEqual(data);
  });

  it('uses the fallback type and stamps a missing time', () => {
    const { attributes } = decodeEnvelope({ ce_id: 'e', ce_source: 's' }, '{}', 'order.shipped', fixedNow);
    expect(attributes.type).toBe('order.shipped');
    expect(attributes.time).toBe('2025-03-01T12:00:00.000Z');
    expect(attributes.specversion).toBe('1.0');
  });

  it('stamps a missing time with the wall clock by default', () => {
    const { attributes } = decodeEnvelope({ ce_id: 'e', ce_source: 's', ce_type: 't' }, '{}');
    expect(Number.isNaN(Date.parse(attributes.time))).toBe(false);
  });

  it.each([
    ['ce_id', 'missing ce_id'],
    ['ce_source', 'missing ce_source'],
    ['ce_type', 'missing ce_type'],
  ])('rejects a record without %s', (header, message) => {
    const error = decodeError({ ...binaryHeaders, [header]: undefined }, '{}');
    expect(error.code).toBe('ENVELOPE_INVALID');
    expect(error.retriable).toBe(false);
    expect(error.message).toBe(message);
  });

  it('rejects an unsupported specversion and an unparseable time', () => {
    expect(decodeError({ ...binaryHeaders, ce_specversion: '0.3' }, '{}').message).toBe(
      'unsupported ce_specversion 0.3',
    );
    expect(decodeError({ ...binaryHeaders, ce_time: 'yesterday' }, '{}').message).toBe('invalid ce_time');
  });

  it('rejects a value that is not JSON', () => {
    const error = decodeError(binaryHeaders, '{"orderId":');
    expect(error.code).toBe('UNDECODABLE_RECORD');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('drops an invalid traceparent', () => {
    const { attributes } = decodeEnvelope({ ...binaryHeaders, traceparent: 'nope' }, '{}');
    expect(attributes.traceparent).toBeUndefined();
  });

  it('treats a value that looks structured as data when ce_id is present', () => {
    const value = JSON.stringify({ specversion: '1.0', data: 1 });
    expect(decodeEnvelope(binaryHeaders, value).data).toEqual({ specversion: '1.0', data: 1 });
  });
});

describe('decodeEnvelope, structured mode', () => {
  const event = {
    specversion: '1.0',
    id: 'evt-2',
    type: 'booking.confirmed',
    source: 'resa',
    time: '2025-03-01T10:00:00Z',
    subject: 'B-1',
    traceparent: TRACEPARENT,
    data,
  };

  it('reads the whole event from the value when content-type says so', () => {
    const decoded = decodeEnvelope(
      { 'content-type': `${STRUCTURED_CONTENT_TYPE}; charset=utf-8` },
      JSON.stringify(event),
    );
    expect(decoded.attributes).toMatchObject({
      id: 'evt-2',
      type: 'booking.confirmed',
      subject: 'B-1',
      traceparent: TRACEPARENT,
    });
    expect(decoded.data).toEqual(data);
  });

  it('detects structured mode without content-type when no ce_id header is present', () => {
    expect(decodeEnvelope({}, JSON.stringify(event)).attributes.id).toBe('evt-2');
  });

  it('prefers the traceparent header over the JSON attribute', () => {
    const header = '00-11111111111111111111111111111111-2222222222222222-00';
    expect(decodeEnvelope({ traceparent: header }, JSON.stringify(event)).attributes.traceparent).toBe(header);
  });

  it('names the JSON attribute when it is missing', () => {
    const error = decodeError({ 'content-type': STRUCTURED_CONTENT_TYPE }, JSON.stringify({ ...event, id: undefined }));
    expect(error.message).toBe('missing id');
  });

  it('rejects a structured value that is not an object', () => {
    expect(decodeError({ 'content-type': STRUCTURED_CONTENT_TYPE }, '[1]').code).toBe('ENVELOPE_INVALID');
  });
});

describe('encodeHeaders', () => {
  it('writes binary-mode headers that decode back to the same attributes', () => {
    const attributes: EnvelopeAttributes = {
      id: 'm-1',
      type: 'sms.requested.v1',
      source: 'herald/event-ingest',
      time: '2025-03-01T10:00:00.000Z',
      specversion: '1.0',
      dataschema: 'https://herald.dev/schemas/sms.requested.v1.json',
      traceparent: TRACEPARENT,
    };
    const headers = encodeHeaders(attributes);
    expect(headers[CeHeader.id]).toBe('m-1');
    expect(headers['content-type']).toBe('application/json');
    expect(headers[CeHeader.subject]).toBeUndefined();
    expect(decodeEnvelope(headers, '{}').attributes).toEqual(attributes);
  });
});
