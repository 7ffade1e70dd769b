import { ErrorCatalog, isErrorCode, type CanonicalState } from '@herald/contracts';
import type { TimelineEntry } from './message-record';

/** Why a message ended (or waits) where it is, for GET /v1/messages: the same words for every state. */
export interface OutcomeReason {
  reasonCode: string;
  reason: string;
}

type ReasonSource = Pick<
  TimelineEntry,
  'kind' | 'state' | 'applied' | 'reasonCode' | 'reason' | 'rawStatus' | 'rawErrorCode' | 'carrierId'
>;

/** States a caller asks "why?" about; delivered and the in-flight states need no reason. */
const EXPLAINED: ReadonlySet<CanonicalState> = new Set([
  'suppressed',
  'deferred',
  'failed',
  'expired',
  'undelivered',
  'rejected',
  'unknown',
]);

const TIMEOUT_REASONS: Record<string, string> = {
  DLR_TIMEOUT: 'the carrier accepted the message but sent no final delivery receipt before the DLR timeout',
  STATUS_TIMEOUT: 'no stage reported the message as sent before the timeout',
};

/**
 * The reason of the timeline entry that moved the message into its current state. A carrier's
 * DLR carries no code of ours: its raw `stat` becomes `DLR_<stat>` (DLR_UNDELIV, DLR_EXPIRED,
 * DLR_REJECTD), the raw values stay in the timeline and in the public receipt.
 */
export function outcomeReasonOf(state: CanonicalState, timeline: readonly ReasonSource[]): OutcomeReason | undefined {
  if (!EXPLAINED.has(state)) return undefined;
  const entry = [...timeline].reverse().find((e) => e.applied && e.state === state);
  if (!entry) return undefined;
  if (entry.kind === 'dlr' && entry.rawStatus !== undefined) {
    const err = entry.rawErrorCode === undefined ? '' : `, error ${entry.rawErrorCode}`;
    return {
      reasonCode: `DLR_${entry.rawStatus}`.slice(0, 64),
      reason: `carrier ${entry.carrierId ?? '?'} reported ${entry.rawStatus}${err}`,
    };
  }
  if (entry.reasonCode === undefined) return undefined;
  return { reasonCode: entry.reasonCode, reason: entry.reason ?? describe(entry.reasonCode) };
}

function describe(code: string): string {
  if (TIMEOUT_REASONS[code]) return TIMEOUT_REASONS[code];
  return isErrorCode(code) ? ErrorCatalog[code].description : code;
}
