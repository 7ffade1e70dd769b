/**
 * A carrier's MPS limit counted in segments: `rate` tokens per second, at most `capacity` banked.
 * A message of more segments than the capacity may still go once the bucket is full; the tokens
 * then go negative and the next taker waits for the debt to be repaid.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly rate: number,
    now: number,
    readonly capacity: number = Math.max(1, rate),
  ) {
    if (!(rate > 0)) throw new RangeError(`token bucket rate must be > 0, got ${rate}`);
    this.tokens = this.capacity;
    this.updatedAt = now;
  }

  /** Takes `n` tokens and returns 0, or takes nothing and returns the ms to wait before trying again. */
  tryTake(n: number, now: number): number {
    this.refill(now);
    const needed = Math.min(n, this.capacity);
    if (this.tokens >= needed) {
      this.tokens -= n;
      return 0;
    }
    return Math.max(1, Math.ceil(((needed - this.tokens) / this.rate) * 1000));
  }

  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  private refill(now: number): void {
    if (now <= this.updatedAt) return;
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
    this.updatedAt = now;
  }
}
