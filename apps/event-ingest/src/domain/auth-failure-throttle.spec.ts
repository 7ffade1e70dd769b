import { AuthFailureThrottle } from './auth-failure-throttle';

describe('AuthFailureThrottle', () => {
  it('refuses an address after N failures in its minute, with the seconds left, and lets it back after', () => {
    const t = new AuthFailureThrottle(3);
    for (let i = 0; i < 3; i++) {
      expect(t.retryAfter('10.0.0.1', 1000 + i)).toBeUndefined();
      t.recordFailure('10.0.0.1', 1000 + i);
    }
    expect(t.retryAfter('10.0.0.1', 1010)).toBe(60);
    expect(t.retryAfter('10.0.0.1', 51_000)).toBe(10);
    expect(t.retryAfter('10.0.0.2', 1010)).toBeUndefined();
    expect(t.retryAfter('10.0.0.1', 61_000)).toBeUndefined();
    t.recordFailure('10.0.0.1', 61_000);
    expect(t.retryAfter('10.0.0.1', 61_001)).toBeUndefined();
  });

  it('tracks a bounded number of addresses', () => {
    const t = new AuthFailureThrottle(1, 2);
    t.recordFailure('a', 0);
    t.recordFailure('b', 0);
    t.recordFailure('c', 0);
    expect(t.retryAfter('a', 1)).toBeUndefined();
    expect(t.retryAfter('b', 1)).toBe(60);
    expect(t.retryAfter('c', 1)).toBe(60);
  });
});
