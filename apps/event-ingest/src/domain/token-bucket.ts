export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * One bucket per API key, refilled continuously at `ratePerSecond` and holding at most one second's
 * worth (at least one request), so a key may burst to its rate and no further. Per process: N
 * replicas allow N x the rate.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly nowMs: () => number) {}

  take(key: string, ratePerSecond: number): RateDecision {
    const now = this.nowMs();
    const capacity = Math.max(1, ratePerSecond);
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedMs: now };
    const elapsed = Math.max(0, now - bucket.updatedMs) / 1000;
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * ratePerSecond);
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond)) };
  }
}
