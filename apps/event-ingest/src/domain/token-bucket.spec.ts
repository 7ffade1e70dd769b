import { TokenBucketLimiter } from './token-bucket';

describe('TokenBucketLimiter', () => {
  it('allows a burst of one second worth, then refuses with the seconds to wait, then refills', () => {
    let now = 1_000_000;
    const limiter = new TokenBucketLimiter(() => now);
    const taken = Array.from({ length: 4 }, () => limiter.take('k', 3));
    expect(taken).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterSeconds: 1 },
    ]);
    now += 340;
    expect(limiter.take('k', 3)).toEqual({ allowed: true });
    expect(limiter.take('other', 3)).toEqual({ allowed: true });
  });

  it('asks a slow key to wait several seconds', () => {
    const limiter = new TokenBucketLimiter(() => 0);
    expect([limiter.take('k', 0.2), limiter.take('k', 0.2)]).toEqual([
      { allowed: true },
      { allowed: false, retryAfterSeconds: 5 },
    ]);
  });

  it('never refills past the rate, however long the key was idle', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(() => now);
    limiter.take('k', 2);
    now += 3_600_000;
    expect([limiter.take('k', 2), limiter.take('k', 2), limiter.take('k', 2).allowed]).toEqual([
      { allowed: true },
      { allowed: true },
      false,
    ]);
  });
});
