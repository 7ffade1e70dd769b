import { TokenBucket } from '@herald/rate-limit';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One bucket per API key, refilled continuously at `ratePerSecond` and holding at most one second's
 * worth (at least one request), so a key may burst to its rate and no further. Per process: N
 * replicas allow N x the rate.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly nowMs: () => number) {}

  take(key: string, ratePerSecond: number): RateDecision {
    const now = this.nowMs();
    let bucket = this.buckets.get(key);
    // A key whose rate was changed starts a new bucket at its new rate.
    if (bucket === undefined || bucket.rate !== ratePerSecond)
      this.buckets.set(key, (bucket = new TokenBucket(ratePerSecond, now)));
    const waitMs = bucket.tryTake(1, now);
    return waitMs === 0
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
