import { IDEMPOTENCY_KEY_PATTERN, decideIdempotency, requestHashOf } from './idempotency.policy';

const request = (body: string, headers: Record<string, string | undefined> = { 'content-type': 'application/json' }) =>
  requestHashOf({ route: '/v1/events', headers, body: Buffer.from(body) });

describe('idempotency', () => {
  it('replays the stored answer for the same request and refuses another one', () => {
    const stored = { requestHash: request('{"a":1}'), status: 202, body: { messageIds: ['m'] } };
    expect(decideIdempotency(stored, request('{"a":1}'))).toEqual({
      kind: 'replay',
      status: 202,
      body: { messageIds: ['m'] },
    });
    expect(decideIdempotency(stored, request('{"a":2}'))).toEqual({ kind: 'conflict' });
  });

  it('hashes route, meaningful headers (any order, any case) and body bytes', () => {
    const base = request('{}', { 'ce-id': '1', 'content-type': 'application/json' });
    expect(request('{}', { 'content-type': 'application/json', 'CE-ID': '1' })).toBe(base);
    expect(request('{}', { 'ce-id': '2', 'content-type': 'application/json' })).not.toBe(base);
    expect(request('{ }', { 'ce-id': '1', 'content-type': 'application/json' })).not.toBe(base);
    expect(
      requestHashOf({
        route: '/v1/notifications',
        headers: { 'ce-id': '1', 'content-type': 'application/json' },
        body: Buffer.from('{}'),
      }),
    ).not.toBe(base);
  });

  it.each([
    ['a UUID', '6f1c0d8e-4e2b-4c1e-9a53-2f1f0a4b8c7d', true],
    ['printable ASCII', 'order-10023/retry#1', true],
    ['empty', '', false],
    ['a space', 'a b', false],
    ['non-ASCII', 'clé', false],
    ['over 255 characters', 'x'.repeat(256), false],
  ])('Idempotency-Key %s is accepted: %s', (_name, key, ok) => {
    expect(IDEMPOTENCY_KEY_PATTERN.test(key)).toBe(ok);
  });
});
