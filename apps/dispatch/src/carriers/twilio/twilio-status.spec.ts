import type { HttpAnswer } from '../http-exchange';
import { readCreateAnswer, twilioDeliveryState } from './twilio-status';

describe('twilioDeliveryState', () => {
  it.each([
    ['accepted', undefined, 'enroute'],
    ['scheduled', undefined, 'enroute'],
    ['queued', undefined, 'enroute'],
    ['sending', undefined, 'enroute'],
    ['sent', undefined, 'enroute'],
    ['delivered', undefined, 'delivered'],
    ['read', undefined, 'delivered'],
    ['undelivered', '30003', 'undelivered'],
    ['undelivered', '30005', 'undelivered'],
    ['undelivered', '30006', 'undelivered'],
    ['undelivered', '30007', 'undelivered'],
    ['undelivered', '30008', 'undelivered'],
    ['failed', '30001', 'rejected'],
    ['failed', '21610', 'rejected'],
    ['failed', '30036', 'expired'],
    ['canceled', undefined, 'rejected'],
    ['partially_delivered', undefined, 'unknown'],
    ['receiving', undefined, 'inbound'],
    ['received', undefined, 'inbound'],
    ['DELIVERED', undefined, undefined],
    ['bogus', undefined, undefined],
  ])('%s (ErrorCode %s) is %s', (status, code, expected) => {
    expect(twilioDeliveryState(status, code)).toBe(expected);
  });
});

const answer = (status: number, body: unknown, retryAfter?: string): HttpAnswer => ({
  kind: 'response',
  status,
  body,
  ...(retryAfter === undefined ? {} : { retryAfter }),
});
const error = (status: number, code: number, message = 'The Twilio message') => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

describe('readCreateAnswer', () => {
  it('reads the sid and the billed segments of a 201', () => {
    const body = { sid: 'SM' + 'a'.repeat(32), status: 'queued', num_segments: '3' };
    expect(readCreateAnswer(answer(201, body), 2)).toEqual({
      final: { kind: 'submitted', carrierMessageIds: [body.sid], segments: 3 },
    });
  });

  it('keeps our part count when a Messaging Service answers num_segments "0"', () => {
    const body = { sid: 'SM' + 'b'.repeat(32), status: 'accepted', num_segments: '0' };
    expect(readCreateAnswer(answer(201, body), 2)).toMatchObject({ final: { segments: 2 } });
  });

  it.each([
    [400, 21211, 'permanent'],
    [400, 21610, 'permanent'],
    [400, 21408, 'permanent'],
    [400, 21614, 'permanent'],
    [401, 20003, 'permanent'],
    [404, 20404, 'permanent'],
  ])('HTTP %s with error %s is %s, the code kept raw', (status, code, kind) => {
    expect(readCreateAnswer(answer(status, error(status, code)), 1)).toEqual({
      final: expect.objectContaining({ kind, rawStatus: String(code) }),
    });
  });

  it("never copies Twilio's message, which quotes the phone number", () => {
    const body = error(400, 21211, "The 'To' number +33612345678 is not a valid phone number.");
    const verdict = readCreateAnswer(answer(400, body), 1);
    expect(JSON.stringify(verdict)).not.toContain('612345678');
    expect(verdict).toMatchObject({ final: { reason: expect.stringContaining("21211: invalid 'To' number") } });
  });

  it('is throttled on HTTP 429 / 20429, with Retry-After', () => {
    expect(readCreateAnswer(answer(429, error(429, 20429), '2'), 1)).toEqual({
      final: expect.objectContaining({ kind: 'throttled', rawStatus: '20429', retryAfterMs: 2000 }),
    });
  });

  it('is throttled on error 20429 whatever the HTTP status', () => {
    expect(readCreateAnswer(answer(400, error(400, 20429)), 1)).toMatchObject({ final: { kind: 'throttled' } });
  });

  it('retries a 5xx, transient once exhausted', () => {
    expect(readCreateAnswer(answer(503, error(503, 20503)), 1)).toEqual({
      retry: true,
      ifExhausted: expect.objectContaining({ kind: 'transient', rawStatus: '20503' }),
    });
    expect(readCreateAnswer(answer(502, undefined), 1)).toMatchObject({ ifExhausted: { rawStatus: 'HTTP_502' } });
  });
});
