export interface BackoffOptions {
  minMs: number;
  maxMs: number;
}

/**
 * Delay before reconnect attempt `attempt` (1-based): doubling from minMs, capped at maxMs, with
 * +/-20% jitter so binds dropped together do not come back together.
 */
export function reconnectDelay(attempt: number, opts: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(opts.maxMs, opts.minMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(Math.min(opts.maxMs, Math.max(opts.minMs, base * (0.8 + 0.4 * random()))));
}
