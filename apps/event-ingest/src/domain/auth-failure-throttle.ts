/**
 * Failed authentications per client address in fixed one-minute windows. Unknown keys cost a
 * database lookup each (misses are cached per key, not per guesser), so a client guessing keys is
 * refused before the lookup once it has failed `limit` times in the current minute. In memory per
 * process: N replicas allow N times the limit, which still caps a guesser per replica.
 */
export class AuthFailureThrottle {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(
    private readonly limit: number,
    private readonly maxTracked = 50_000,
    private readonly windowMs = 60_000,
  ) {}

  /** Seconds until the address may try again, or undefined when it may try now. */
  retryAfter(address: string, nowMs: number): number | undefined {
    const w = this.windows.get(address);
    if (w === undefined || nowMs >= w.start + this.windowMs || w.failures < this.limit) return undefined;
    return Math.max(1, Math.ceil((w.start + this.windowMs - nowMs) / 1000));
  }

  recordFailure(address: string, nowMs: number): void {
    const w = this.windows.get(address);
    if (w !== undefined && nowMs < w.start + this.windowMs) {
      w.failures += 1;
      return;
    }
    // A flood of spoofed-looking addresses must not grow the map without bound: forget the oldest.
    if (this.windows.size >= this.maxTracked) this.windows.delete(this.windows.keys().next().value as string);
    this.windows.delete(address);
    this.windows.set(address, { start: nowMs, failures: 1 });
  }
}
