import { judgeHttpExchange, type HttpExchange } from './http-exchange';

describe('judgeHttpExchange', () => {
  it.each<[string, HttpExchange, unknown]>([
    [
      '200 { id } is submitted',
      { kind: 'response', status: 200, body: { id: 'agg-1' } },
      { final: { kind: 'submitted', carrierMessageIds: ['agg-1'], segments: 2 } },
    ],
    [
      '202 with a numeric id',
      { kind: 'response', status: 202, body: { id: 42 } },
      { final: { kind: 'submitted', carrierMessageIds: ['42'], segments: 2 } },
    ],
    [
      '2xx without an id is still accepted',
      { kind: 'response', status: 201, body: undefined },
      { final: { kind: 'submitted', carrierMessageIds: [], segments: 2 } },
    ],
    [
      '429 is throttled with Retry-After',
      { kind: 'response', status: 429, body: {}, retryAfter: '2' },
      { final: expect.objectContaining({ kind: 'throttled', rawStatus: 'HTTP_429', retryAfterMs: 2000 }) },
    ],
    [
      '429 without a usable Retry-After',
      { kind: 'response', status: 429, body: {}, retryAfter: 'Wed, 21 Oct' },
      { final: expect.not.objectContaining({ retryAfterMs: expect.anything() }) },
    ],
    [
      '400 is permanent with the reason',
      { kind: 'response', status: 400, body: { error: 'invalid number' } },
      {
        final: expect.objectContaining({
          kind: 'permanent',
          rawStatus: 'HTTP_400',
          reason: expect.stringContaining('invalid number'),
        }),
      },
    ],
    [
      '401 is permanent',
      { kind: 'response', status: 401, body: undefined },
      { final: expect.objectContaining({ kind: 'permanent', rawStatus: 'HTTP_401' }) },
    ],
    [
      '503 is worth a retry, then transient',
      { kind: 'response', status: 503, body: {} },
      { retry: true, ifExhausted: expect.objectContaining({ kind: 'transient', rawStatus: 'HTTP_503' }) },
    ],
    [
      'no answer without an idempotency key is ambiguous at once, never resent',
      { kind: 'no_answer', code: 'TIMEOUT' },
      { final: expect.objectContaining({ kind: 'ambiguous', rawStatus: 'TIMEOUT' }) },
    ],
    [
      'a reset after the request was written is ambiguous too',
      { kind: 'no_answer', code: 'ECONNRESET' },
      { final: expect.objectContaining({ kind: 'ambiguous', rawStatus: 'ECONNRESET' }) },
    ],
    [
      'a request never sent is worth a retry, then transient',
      { kind: 'not_sent', code: 'ECONNREFUSED' },
      { retry: true, ifExhausted: expect.objectContaining({ kind: 'transient', rawStatus: 'ECONNREFUSED' }) },
    ],
  ])('%s', (_name, exchange, expected) => {
    expect(judgeHttpExchange(exchange, 2)).toEqual(expected);
  });

  it('retries no answer when the carrier dedupes on an idempotency key, ambiguous only when the tries run out', () => {
    expect(judgeHttpExchange({ kind: 'no_answer', code: 'TIMEOUT' }, 2, true)).toEqual({
      retry: true,
      ifExhausted: expect.objectContaining({ kind: 'ambiguous', rawStatus: 'TIMEOUT' }),
    });
    expect(judgeHttpExchange({ kind: 'response', status: 200, body: { id: 'a' } }, 2, true)).toEqual({
      final: { kind: 'submitted', carrierMessageIds: ['a'], segments: 2 },
    });
  });
});
