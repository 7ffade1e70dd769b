export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitOptions {
  /** Consecutive transient failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses traffic before letting a probe through. */
  openMs: number;
}

/** Gauge value per state, for the circuit-state metric. */
export const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * Per-carrier breaker: N consecutive transient failures open it for `openMs`; then it is half-open,
 * where one success closes it and one failure opens it again. Throttling is not a failure: the
 * carrier is up and asking us to slow down, which the backoff already does.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt?: number;

  constructor(private readonly options: CircuitOptions) {}

  state(now: number): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return now - this.openedAt >= this.options.openMs ? 'half_open' : 'open';
  }

  allows(now: number): boolean {
    return this.state(now) !== 'open';
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = undefined;
  }

  recordFailure(now: number): void {
    this.failures++;
    const state = this.state(now);
    if (state === 'half_open' || (state === 'closed' && this.failures >= this.options.failureThreshold))
      this.openedAt = now;
  }
}
