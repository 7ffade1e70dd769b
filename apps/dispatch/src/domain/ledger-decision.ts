import type { StoredResult } from './message-result';

/**
 * A consumed message has no row until it starts, parks or settles (a message waiting for its tokens
 * or a window slot has none: a crash leaves its record to be consumed again, nothing to recover).
 * `claimed`: a parked row the releaser took (or an older version's claim), no submit written yet.
 * `parked`: not sendable now; waits for its next attempt time, when the releaser claims it again.
 * `submitting`: the first submit_sm (or HTTP request) is about to be written or was written: only
 * such a row can be ambiguous. The rest are settled.
 */
export const LedgerStates = ['claimed', 'parked', 'submitting', 'submitted', 'failed', 'expired', 'ambiguous'] as const;
export type LedgerState = (typeof LedgerStates)[number];

export interface LedgerRow {
  messageId: string;
  state: LedgerState;
  carrierId: string | null;
  carrierMessageIds: string[];
  attempts: number;
  segments: number;
  /** The reported result, once there is one. */
  result: StoredResult | null;
}

/** What this process itself knows about a message that the database may not show yet. */
export interface LocalKnowledge {
  /** A send loop for it is running right now. */
  inFlight: boolean;
  /** It finished here but its ledger update is not written yet (the database blinked). */
  hasPendingOutcome: boolean;
}

/** A receipt seen for the message (matched through user_message_reference). */
export interface DlrEvidence {
  carrierId: string;
  carrierMessageIds: string[];
}

export type ConsumedDecision =
  | { action: 'send' }
  | { action: 'skip'; reason: 'in_flight' | 'no_result' | 'parked' }
  | { action: 'replay_pending' }
  | { action: 'replay'; stored: StoredResult }
  | { action: 'resolve_submitted'; carrierId: string; carrierMessageIds: string[] }
  | { action: 'take_over' }
  | { action: 'ambiguous' };

/**
 * A consumed message without a row, and nothing of it running or pending here, is sent (its start
 * mark inserts the row; a concurrent owner's insert makes it not this process's to send).
 * One whose ledger row already exists is a redelivery (after a crash, a rebalance, a shutdown
 * whose produce did not finish) or a duplicate record. Nothing is ever resent. A settled
 * row reports its stored result again, since the first report may never have been produced
 * (sms.status.v1 consumers are idempotent). A `claimed` row never had a submit written: it is
 * taken over and sent (the take-over and the start mark are owner-checked, so a process that still
 * holds it cannot send it too, and a claim this process's releaser holds is left to it). A `submitting` row means a submit_sm may be at the carrier: it is
 * proven submitted (every part's carrier id stored, or a receipt seen) or ambiguous.
 */
export function decideConsumed(row: LedgerRow | undefined, local: LocalKnowledge, dlr?: DlrEvidence): ConsumedDecision {
  if (local.inFlight) return { action: 'skip', reason: 'in_flight' };
  if (local.hasPendingOutcome) return { action: 'replay_pending' };
  if (row === undefined) return { action: 'send' };
  if (row.state === 'ambiguous' && dlr !== undefined) return { action: 'resolve_submitted', ...dlr };
  if (row.state === 'claimed') return { action: 'take_over' };
  if (row.state === 'parked') return { action: 'skip', reason: 'parked' };
  if (row.state !== 'submitting')
    return row.result === null ? { action: 'skip', reason: 'no_result' } : { action: 'replay', stored: row.result };
  if (row.carrierId !== null && row.segments > 0 && row.carrierMessageIds.length >= row.segments) {
    return { action: 'resolve_submitted', carrierId: row.carrierId, carrierMessageIds: row.carrierMessageIds };
  }
  if (dlr !== undefined) return { action: 'resolve_submitted', ...dlr };
  return { action: 'ambiguous' };
}
