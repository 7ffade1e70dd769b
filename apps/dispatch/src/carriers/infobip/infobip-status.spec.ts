import type { HttpAnswer } from '../http-exchange';
import { infobipState, judgeInfobipAnswer } from './infobip-status';

const answer = (status: number, body: unknown, retryAfter?: string): HttpAnswer => ({
  kind: 'response',
  status,
  body,
  ...(retryAfter === undefined ? {} : { retryAfter }),
});
const error = (messageId: string, text: string) => ({ requestError: { serviceException: { messageId, text } } });

describe('infobipState', () => {
  it.each([
    [{ groupId: 1, groupName: 'PENDING', id: 7, name: 'PENDING_ENROUTE' }, 'enroute'],
    [{ groupId: 1, groupName: 'PENDING', id: 3, name: 'PENDING_WAITING_DELIVERY' }, 'enroute'],
    [{ groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED' }, 'undelivered'],
    [{ groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET' }, 'delivered'],
    [{ groupId: 3, groupName: 'DELIVERED', id: 2, name: 'DELIVERED_TO_OPERATOR' }, 'delivered'],
    [{ groupId: 4, groupName: 'EXPIRED', id: 15, name: 'EXPIRED_EXPIRED' }, 'expired'],
    [{ groupId: 5, groupName: 'REJECTED', id: 6, name: 'REJECTED_NETWORK' }, 'rejected'],
    [{ groupId: 3 }, 'delivered'],
    [{ groupId: 9, groupName: 'SOMETHING_NEW' }, 'unknown'],
    [{}, 'unknown'],
  ])('%j reads %s', (status, state) => {
    expect(infobipState(status)).toBe(state);
  });
});

describe('judgeInfobipAnswer', () => {
  const pending = { groupId: 1, groupName: 'PENDING', id: 26, name: 'PENDING_ACCEPTED', description: 'x' };

  it('is submitted with the message id and Infobip smsCount', () => {
    const body = { bulkId: 'b', messages: [{ to: '41793026727', messageId: 'm-1', status: pending, smsCount: 3 }] };
    expect(judgeInfobipAnswer(answer(200, body), 2)).toEqual({
      final: { kind: 'submitted', carrierMessageIds: ['m-1'], segments: 3 },
    });
  });

  it('falls back to our part count when the answer has no smsCount', () => {
    const body = { messages: [{ to: '41793026727', messageId: 'm-1', status: pending }] };
    expect(judgeInfobipAnswer(answer(200, body), 2)).toMatchObject({ final: { segments: 2 } });
  });

  it('is permanent when the answer already says REJECTED', () => {
    const rejected = { groupId: 5, groupName: 'REJECTED', id: 12, name: 'REJECTED_NOT_ENOUGH_CREDITS' };
    const body = { messages: [{ to: '41793026727', messageId: 'm-1', status: rejected }] };
    expect(judgeInfobipAnswer(answer(200, body), 1)).toEqual({
      final: expect.objectContaining({ kind: 'permanent', rawStatus: 'REJECTED_NOT_ENOUGH_CREDITS' }),
    });
  });

  it('is ambiguous when a 2xx carries no message entry (it may have been taken)', () => {
    expect(judgeInfobipAnswer(answer(200, { messages: [] }), 1)).toMatchObject({
      final: { kind: 'ambiguous', rawStatus: 'NO_MESSAGE_IN_ANSWER' },
    });
  });

  it.each([
    [400, 'BAD_REQUEST', 'permanent'],
    [401, 'UNAUTHORIZED', 'permanent'],
    [403, 'UNAUTHORIZED', 'permanent'],
    [404, 'NOT_FOUND', 'permanent'],
  ])('%i %s is %s with the error code raw', (status, code, kind) => {
    expect(judgeInfobipAnswer(answer(status, error(code, 'Invalid login details')), 1)).toEqual({
      final: expect.objectContaining({
        kind,
        rawStatus: code,
        reason: expect.stringContaining('Invalid login details'),
      }),
    });
  });

  it('429 is throttled with Retry-After', () => {
    expect(judgeInfobipAnswer(answer(429, error('TOO_MANY_REQUESTS', 'Too many requests'), '3'), 1)).toEqual({
      final: expect.objectContaining({ kind: 'throttled', rawStatus: 'TOO_MANY_REQUESTS', retryAfterMs: 3000 }),
    });
  });

  it('5xx is worth a retry, transient when they run out; HTTP_5xx when the body says nothing', () => {
    expect(judgeInfobipAnswer(answer(500, error('GENERAL_ERROR', 'Something went wrong')), 1)).toEqual({
      retry: true,
      ifExhausted: expect.objectContaining({ kind: 'transient', rawStatus: 'GENERAL_ERROR' }),
    });
    expect(judgeInfobipAnswer(answer(502, undefined), 1)).toMatchObject({ ifExhausted: { rawStatus: 'HTTP_502' } });
  });

  it('never repeats a phone number the error text quotes', () => {
    const verdict = judgeInfobipAnswer(answer(400, error('BAD_REQUEST', 'Invalid destination +41793026727')), 1);
    expect(JSON.stringify(verdict)).not.toContain('793026727');
    expect(JSON.stringify(verdict)).toContain('Invalid destination <number>');
  });
});
