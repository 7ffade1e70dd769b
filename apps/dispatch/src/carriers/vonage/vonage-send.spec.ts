import type { OutboundSms } from '../../domain/submit-outcome';
import type { HttpAnswer } from '../http-exchange';
import { e164Digits, readSendAnswer, sendRequest } from './vonage-send';

const now = 1_760_000_000_000;
const sms: OutboundSms = {
  messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
  reference: 'JrzDP1S8U6C9Bom8t4fQOA',
  destination: '+4915112345678',
  source: 'Herald',
  parts: ['Your order ', 'has shipped & ready = yes'],
  encoding: 'GSM7',
  expiresAt: now + 600_000,
  country: 'DE',
};
const settings = {
  apiBaseUrl: 'https://rest.nexmo.com/',
  apiKey: 'abcd1234',
  apiSecret: 'abcdef0123456789',
  callbackUrl: 'https://herald.example/v1/carriers/vonage-de/status',
};
const answer = (status: number, body: unknown): HttpAnswer => ({ kind: 'response', status, body });
const part = (id: string) => ({
  to: '4915112345678',
  'message-id': id,
  status: '0',
  'remaining-balance': '1.0',
  'message-price': '0.07',
  network: '26203',
});

describe('Vonage send request', () => {
  it('is one form POST to /sms/json with the whole text and every documented field', () => {
    const req = sendRequest(settings, sms, now);
    expect(req.url).toBe('https://rest.nexmo.com/sms/json');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      api_key: 'abcd1234',
      api_secret: 'abcdef0123456789',
      from: 'Herald',
      to: '4915112345678',
      text: 'Your order has shipped & ready = yes',
      type: 'text',
      'status-report-req': '1',
      callback: settings.callbackUrl,
      ttl: '600000',
      'client-ref': sms.messageId,
    });
  });

  it('says unicode for a UCS-2 body, passes DLT ids, and uses the configured sender without +', () => {
    const ucs2 = {
      ...sms,
      parts: ['Привет'],
      encoding: 'UCS2' as const,
      entityId: '1101',
      registeredTemplateId: '1107',
    };
    const form = new URLSearchParams(sendRequest({ ...settings, from: '+447700900001' }, ucs2, now).body);
    expect(form.get('type')).toBe('unicode');
    expect(form.get('text')).toBe('Привет');
    expect(form.get('from')).toBe('447700900001');
    expect(form.get('entity-id')).toBe('1101');
    expect(form.get('content-id')).toBe('1107');
  });

  it('keeps ttl in the documented range and drops a client-ref over 40 characters', () => {
    const soon = new URLSearchParams(sendRequest(settings, { ...sms, expiresAt: now + 1000 }, now).body);
    expect(soon.get('ttl')).toBe('20000');
    const far = new URLSearchParams(sendRequest(settings, { ...sms, expiresAt: now + 30 * 86_400_000 }, now).body);
    expect(far.get('ttl')).toBe('604800000');
    const long = new URLSearchParams(sendRequest(settings, { ...sms, messageId: 'm'.repeat(41) }, now).body);
    expect(long.has('client-ref')).toBe(false);
  });

  it('strips + only from numbers', () => {
    expect(e164Digits('+33612345678')).toBe('33612345678');
    expect(e164Digits('Herald')).toBe('Herald');
  });
});

describe('Vonage send answer', () => {
  it('returns every part id and message-count as segments', () => {
    expect(readSendAnswer(answer(200, { 'message-count': '2', messages: [part('0A01'), part('0A02')] }), sms)).toEqual({
      final: { kind: 'submitted', carrierMessageIds: ['0A01', '0A02'], segments: 2 },
    });
  });

  it('falls back to the number of parts listed when message-count is unreadable', () => {
    expect(readSendAnswer(answer(200, { messages: [part('0A01')] }), sms)).toMatchObject({ final: { segments: 1 } });
  });

  it('maps a refusal by its status code', () => {
    const refused = { 'message-count': '1', messages: [{ status: '3', 'error-text': 'Invalid to address' }] };
    expect(readSendAnswer(answer(200, refused), sms)).toMatchObject({ final: { kind: 'permanent', rawStatus: '3' } });
    const busy = { 'message-count': '1', messages: [{ status: '1', 'error-text': 'Throttled' }] };
    expect(readSendAnswer(answer(200, busy), sms)).toMatchObject({ final: { kind: 'throttled', rawStatus: '1' } });
  });

  it('is ambiguous with the accepted parts kept when only some parts were accepted', () => {
    const partial = { 'message-count': '2', messages: [part('0A01'), { status: '5', 'error-text': 'Internal Error' }] };
    expect(readSendAnswer(answer(200, partial), sms)).toEqual({
      final: {
        kind: 'ambiguous',
        rawStatus: '5',
        reason: 'vonage accepted 1 of 2 parts of 2, then status 5',
        acceptedParts: new Map([[0, '0A01']]),
      },
    });
  });

  it('is ambiguous, not resent, when a 2xx cannot be read', () => {
    expect(readSendAnswer(answer(200, undefined), sms)).toMatchObject({
      final: { kind: 'ambiguous', rawStatus: 'UNREADABLE_ANSWER' },
    });
    expect(readSendAnswer(answer(200, { messages: [{ status: '0' }] }), sms)).toMatchObject({
      final: { kind: 'ambiguous' },
    });
  });

  it('judges HTTP errors by their status', () => {
    expect(readSendAnswer(answer(401, { title: 'Unauthorized' }), sms)).toMatchObject({
      final: { kind: 'permanent', rawStatus: 'HTTP_401', reason: expect.stringContaining('Unauthorized') },
    });
    expect(readSendAnswer(answer(429, {}), sms)).toMatchObject({ final: { kind: 'throttled' } });
    expect(readSendAnswer(answer(503, {}), sms)).toMatchObject({ retry: true, ifExhausted: { kind: 'transient' } });
  });
});
