import { checkTtl } from './ttl.policy';

describe('checkTtl', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');
  it.each([
    ['well inside the TTL', now + 600_000, { expired: false, remainingSeconds: 600 }],
    ['rounds the remaining seconds down', now + 1_999, { expired: false, remainingSeconds: 1 }],
    ['exactly at the floor is still sendable', now + 1000, { expired: false, remainingSeconds: 1 }],
    ['under a second left: not worth a submit', now + 999, { expired: true }],
    ['already past', now - 1, { expired: true }],
    ['an unreadable expiry', Number.NaN, { expired: true }],
  ])('%s', (_name, expiresAt, expected) => {
    expect(checkTtl(expiresAt, now)).toEqual(expected);
  });

  it('takes another floor', () => {
    expect(checkTtl(now + 5000, now, 10_000)).toEqual({ expired: true });
  });
});
