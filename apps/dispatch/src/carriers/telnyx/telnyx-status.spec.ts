import type { OutboundSms } from '../../domain/submit-outcome';
import type { HttpAnswer } from '../http-exchange';
import { readTelnyxAnswer, telnyxState } from './telnyx-status';

const sms = { parts: ['Your order ', 'has shipped.'] } as OutboundSms;
const answer = (status: number, body: unknown, retryAfter?: string): HttpAnswer => ({
  kind: 'response',
  status,
  body,
  ...(retryAfter === undefined ? {} : { retryAfter }),
});
const errors = (code: string, title: string) => ({ errors: [{ code, title, detail: `${title} +33612345678` }] });

describe('telnyxState', () => {
  it.each([
    ['scheduled', 'enroute'],
    ['queued', 'enroute'],
    ['sending', 'enroute'],
    ['sent', 'enroute'],
    ['delivered', 'delivered'],
    ['delivery_failed', 'undelivered'],
    ['sending_failed', 'rejected'],
    ['expired', 'expired'],
    ['cancelled', 'undelivered'],
    ['delivery_unconfirmed', 'unknown'],
  ])('maps %s to %s', (status, state) => expect(telnyxState(status)).toBe(state));

  it('reads a failure for running out of validity as expired', () => {
    expect(telnyxState('delivery_failed', '40005')).toBe('expired');
    expect(telnyxState('sending_failed', '40014')).toBe('expired');
    expect(telnyxState('delivery_failed', '40008')).toBe('undelivered');
    expect(telnyxState('delivered', '40005')).toBe('delivered');
  });

  it('knows no other status', () => {
    expect(telnyxState('read')).toBeUndefined();
    expect(telnyxState('DELIVERED')).toBeUndefined();
  });
});

describe('readTelnyxAnswer', () => {
  it('reads the message id and the billed parts of a 200', () => {
    const body = { data: { record_type: 'message', id: '40385f64-5717-4562-b3fc-2c963f66afa6', parts: 3 } };
    expect(readTelnyxAnswer(answer(200, body), sms)).toEqual({
      final: { kind: 'submitted', carrierMessageIds: ['40385f64-5717-4562-b3fc-2c963f66afa6'], segments: 3 },
    });
  });

  it('counts our own parts when the answer does not say', () => {
    expect(readTelnyxAnswer(answer(200, { data: { id: 'm1' } }), sms)).toMatchObject({ final: { segments: 2 } });
    expect(readTelnyxAnswer(answer(200, { data: { id: 'm1', parts: 0 } }), sms)).toMatchObject({
      final: { segments: 2 },
    });
  });

  it.each([
    [403, '40300', 'Blocked due to STOP message'],
    [422, '40310', "Invalid 'to' address"],
    [401, '10009', 'Authentication failed'],
  ])('makes a %i with error %s permanent, keeping the code and not the detail', (status, code, title) => {
    const verdict = readTelnyxAnswer(answer(status, errors(code, title)), sms);
    expect(verdict).toEqual({ final: { kind: 'permanent', rawStatus: code, reason: expect.stringContaining(title) } });
    expect(JSON.stringify(verdict)).not.toContain('+33612345678');
  });

  it('makes a 429 throttled with its Retry-After', () => {
    expect(readTelnyxAnswer(answer(429, errors('10011', 'Too many requests'), '2'), sms)).toMatchObject({
      final: { kind: 'throttled', rawStatus: '10011', retryAfterMs: 2000 },
    });
    expect(readTelnyxAnswer(answer(429, undefined), sms)).toMatchObject({
      final: { kind: 'throttled', rawStatus: 'HTTP_429' },
    });
  });

  it('makes a full queue (40318) throttled whatever the 4xx', () => {
    expect(readTelnyxAnswer(answer(400, errors('40318', 'Queue full')), sms)).toMatchObject({
      final: { kind: 'throttled', rawStatus: '40318' },
    });
  });

  it('retries a 5xx, transient when it lasts', () => {
    expect(readTelnyxAnswer(answer(503, errors('10007', 'Unexpected error')), sms)).toMatchObject({
      retry: true,
      ifExhausted: { kind: 'transient', rawStatus: '10007' },
    });
    expect(readTelnyxAnswer(answer(502, '<html>'), sms)).toMatchObject({ ifExhausted: { rawStatus: 'HTTP_502' } });
  });
});
