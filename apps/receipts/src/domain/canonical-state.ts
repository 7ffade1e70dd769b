import { isFinalState, type CanonicalState } from '@herald/contracts';

// DESIGN.md section 4: accepted < rendered < approved|deferred < submitted < enroute < final states.
const RANK: Record<CanonicalState, number> = {
  accepted: 0,
  rendered: 1,
  approved: 2,
  deferred: 2,
  submitted: 3,
  enroute: 4,
  delivered: 5,
  undelivered: 5,
  expired: 5,
  rejected: 5,
  unknown: 5,
  failed: 5,
  suppressed: 5,
};

export type IgnoredReason = 'duplicate' | 'after_final' | 'not_forward';

export type TransitionVerdict = { ok: true } | { ok: false; reason: IgnoredReason };

/** Monotonic: a final state never changes, and a state only moves to a strictly higher rank. */
export function judgeTransition(current: CanonicalState | undefined, next: CanonicalState): TransitionVerdict {
  if (current === undefined) return { ok: true };
  if (current === next) return { ok: false, reason: 'duplicate' };
  if (isFinalState(current)) return { ok: false, reason: 'after_final' };
  return RANK[next] > RANK[current] ? { ok: true } : { ok: false, reason: 'not_forward' };
}
