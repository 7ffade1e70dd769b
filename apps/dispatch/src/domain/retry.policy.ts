import type { SubmitOutcomeKind } from './submit-outcome';
import { MIN_REMAINING_MS } from './ttl.policy';

export interface BackoffOptions {
  /** First delay after a throttle (ESME_RTHROTTLED, ESME_RMSGQFUL, HTTP 429). */
  throttleInitialMs: number;
  /** First delay after a transient failure or when no route is available. */
  transientInitialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { throttleInitialMs: 100, transientInitialMs: 250, maxMs: 10_000 };

/** What happened on the last attempt: a carrier outcome, or no carrier could take it at all. */
export type AttemptResult = SubmitOutcomeKind | 'unavailable';

export type NextStep =
  | { step: 'done'; result: 'submitted' | 'failed' | 'ambiguous' }
  | { step: 'retry'; delayMs: number }
  | { step: 'expire' };

/**
 * After attempt number `attempt` (1-based): stop on a final outcome, otherwise wait an exponential
 * backoff with equal jitter, unless the wait would run past the TTL, in which case the message expires.
 * A carrier's Retry-After wins over our own delay but never over the TTL.
 */
export function nextStep(
  result: AttemptResult,
  attempt: number,
  now: number,
  expiresAt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
  retryAfterMs?: number,
): NextStep {
  if (result === 'submitted') return { step: 'done', result: 'submitted' };
  if (result === 'permanent') return { step: 'done', result: 'failed' };
  if (result === 'ambiguous') return { step: 'done', result: 'ambiguous' };
  const initial = result === 'throttled' ? options.throttleInitialMs : options.transientInitialMs;
  const delayMs = retryAfterMs ?? backoffDelay(attempt, initial, options.maxMs, random);
  if (now + delayMs > expiresAt - MIN_REMAINING_MS) return { step: 'expire' };
  return { step: 'retry', delayMs };
}

export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
