import { isFinalState } from '@herald/contracts';
import type { StoredMessage } from '../adapters/message.repository';
import type { TimelineView } from '../adapters/timeline.repository';

/** A message as support staff see it: state and why, meta and timings; the recipient only as its token. */
export function messageView(m: StoredMessage, timeline?: TimelineView[]): Record<string, unknown> {
  return {
    messageId: m.messageId,
    state: m.state,
    isFinal: isFinalState(m.state),
    reasonCode: m.outcome?.reasonCode,
    reason: m.outcome?.reason,
    ...m.meta,
    carrierId: m.carrierId,
    carrierMessageId: m.carrierMessageId,
    acceptedAt: m.acceptedAt,
    submittedAt: m.submittedAt,
    ambiguousAt: m.ambiguousAt,
    finalAt: m.finalAt,
    stateAt: m.stateAt,
    unknownAfter: m.deadlineAt,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    ...(timeline ? { timeline } : {}),
  };
}
