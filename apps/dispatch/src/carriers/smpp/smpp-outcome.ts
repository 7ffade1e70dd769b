import { classifyStatus, commandStatusName, type StatusClass } from '@herald/smpp';
import type { SubmitOutcome } from '../../domain/submit-outcome';

/** How one submit_sm of a message ended. */
export type PartResult =
  | { index: number; kind: 'resp'; status: number; messageId?: string }
  | { index: number; kind: 'error'; code: string; maybeSubmitted: boolean; message: string };

const RANK = { permanent: 4, ambiguous: 3, transient: 2, throttled: 1 } as const;
type Failure = { kind: keyof typeof RANK; rawStatus: string; reason: string };

/**
 * Folds the parts' results into one outcome. All parts accepted (now or on an earlier attempt) is
 * `submitted`. Otherwise the worst part decides: a refusal no retry can fix, then a part that may
 * have reached the SMSC (its submit_sm was written and no response came back), then transient,
 * then throttled. Parts accepted so far are returned so a retry sends only the rest.
 */
export function foldPartResults(
  totalParts: number,
  previouslyAccepted: ReadonlyMap<number, string>,
  results: readonly PartResult[],
  overrides: Readonly<Record<number, StatusClass>> = {},
): SubmitOutcome {
  const accepted = new Map(previouslyAccepted);
  let worst: Failure | undefined;
  for (const r of results) {
    const failure = r.kind === 'resp' ? fromStatus(r.status, overrides) : fromError(r);
    if (failure === undefined) accepted.set(r.index, r.kind === 'resp' ? (r.messageId ?? '') : '');
    else if (worst === undefined || RANK[failure.kind] > RANK[worst.kind]) worst = failure;
  }
  if (worst === undefined && accepted.size >= totalParts) {
    const ids = Array.from({ length: totalParts }, (_, i) => accepted.get(i) ?? '');
    return { kind: 'submitted', carrierMessageIds: ids, segments: totalParts };
  }
  const w = worst ?? { kind: 'transient', rawStatus: 'PARTS_MISSING', reason: 'not every part was submitted' };
  if (w.kind === 'permanent') return { kind: 'permanent', rawStatus: w.rawStatus, reason: w.reason };
  if (w.kind === 'throttled') return { kind: 'throttled', rawStatus: w.rawStatus, acceptedParts: accepted };
  return { kind: w.kind, rawStatus: w.rawStatus, reason: w.reason, acceptedParts: accepted };
}

function fromStatus(status: number, overrides: Readonly<Record<number, StatusClass>>): Failure | undefined {
  const cls = classifyStatus(status, overrides);
  if (cls === 'ok') return undefined;
  const name = commandStatusName(status);
  return { kind: cls, rawStatus: name, reason: `submit_sm_resp ${name}` };
}

function fromError(r: Extract<PartResult, { kind: 'error' }>): Failure {
  if (r.maybeSubmitted)
    return { kind: 'ambiguous', rawStatus: r.code, reason: `${r.message} after submit_sm was written` };
  if (r.code === 'INVALID_PDU') return { kind: 'permanent', rawStatus: r.code, reason: r.message };
  return { kind: 'transient', rawStatus: r.code, reason: r.message };
}
