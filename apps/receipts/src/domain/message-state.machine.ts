import { isFinalState, type CanonicalState, type SmsReceiptV1 } from '@herald/contracts';
import { judgeTransition } from './canonical-state';
import type { DlrEvent, MessageRecord, StatusEvent, TimelineEntry, TimeoutEvent } from './message-record';
import { dlrEventKey, statusEventKey } from './message-record';
import { buildReceipt, type ReceiptDetail } from './receipt.builder';

export interface MachineOptions {
  /** How long a non-final message may go without a transition before it becomes `unknown`. */
  dlrTimeoutMs: number;
}

export interface Transition {
  record: MessageRecord;
  entry: TimelineEntry;
  /** Present only when the state moved; whether it is published is the publish policy's call. */
  receipt?: SmsReceiptV1;
}

type Proposal = Omit<TimelineEntry, 'messageId' | 'previousState' | 'applied' | 'ignoredReason'>;

/** A DLR can be applied once the submit is recorded (or the message is already settled); before that it is held. */
export function acceptsDlr(record: MessageRecord | undefined): record is MessageRecord {
  if (record === undefined) return false;
  return record.submittedAt !== undefined || record.ambiguousAt !== undefined || isFinalState(record.state);
}

export function applyStatus(current: MessageRecord | undefined, ev: StatusEvent, opts: MachineOptions): Transition {
  const facts = statusFacts(current, ev);
  const proposal: Proposal = {
    eventKey: statusEventKey(ev),
    kind: 'status',
    reasonCode: ev.reasonCode,
    reason: ev.reason,
    rawStatus: ev.rawStatus,
    rawErrorCode: ev.rawErrorCode,
    carrierId: ev.carrierId,
    carrierMessageId: ev.carrierMessageId,
    source: ev.service,
    occurredAt: ev.at,
  };
  // `ambiguous` is no canonical state: it arms the timeout and lets DLRs through; a message we
  // never saw still starts as accepted, since dispatch only holds accepted messages.
  if (ev.status === 'ambiguous' && current !== undefined) return informational(current, facts, proposal, opts);
  const state: CanonicalState = ev.status === 'ambiguous' ? 'accepted' : ev.status;
  return transition(current, facts, { ...proposal, state }, opts);
}

export function applyDlr(current: MessageRecord, ev: DlrEvent, opts: MachineOptions): Transition {
  const facts: MessageRecord = {
    ...current,
    carrierId: current.carrierId ?? ev.carrierId,
    carrierMessageId: current.carrierMessageId ?? ev.carrierMessageId,
  };
  return transition(
    current,
    facts,
    {
      eventKey: dlrEventKey(ev),
      kind: 'dlr',
      state: ev.state,
      rawStatus: ev.rawStat,
      rawErrorCode: ev.rawErr,
      carrierId: ev.carrierId,
      carrierMessageId: ev.carrierMessageId,
      source: ev.carrierId,
      occurredAt: ev.at,
    },
    opts,
  );
}

export function applyTimeout(current: MessageRecord, ev: TimeoutEvent): Transition {
  const reachedCarrier = current.submittedAt !== undefined || current.ambiguousAt !== undefined;
  return transition(
    current,
    current,
    {
      eventKey: 'timeout',
      kind: 'timeout',
      state: 'unknown',
      reasonCode: reachedCarrier ? 'DLR_TIMEOUT' : 'STATUS_TIMEOUT',
      source: 'receipts',
      occurredAt: ev.at,
    },
    { dlrTimeoutMs: 0 },
  );
}

function transition(
  current: MessageRecord | undefined,
  facts: MessageRecord,
  proposal: Proposal & { state: CanonicalState },
  opts: MachineOptions,
): Transition {
  const verdict = judgeTransition(current?.state, proposal.state);
  const base = { ...proposal, messageId: facts.messageId, previousState: current?.state };
  if (!verdict.ok) {
    return {
      record: rearm(facts, proposal.occurredAt, opts),
      entry: { ...base, applied: false, ignoredReason: verdict.reason },
    };
  }
  const final = isFinalState(proposal.state);
  const record: MessageRecord = rearm(
    {
      ...facts,
      state: proposal.state,
      stateAt: proposal.occurredAt,
      finalAt: final ? proposal.occurredAt : facts.finalAt,
    },
    proposal.occurredAt,
    opts,
  );
  const detail: ReceiptDetail = {
    occurredAt: proposal.occurredAt,
    rawStatus: proposal.rawStatus,
    rawErrorCode: proposal.rawErrorCode,
    reasonCode: proposal.reasonCode,
  };
  return { record, entry: { ...base, applied: true }, receipt: buildReceipt(record, current?.state, detail) };
}

function informational(
  current: MessageRecord,
  facts: MessageRecord,
  proposal: Proposal,
  opts: MachineOptions,
): Transition {
  const entry: TimelineEntry = {
    ...proposal,
    messageId: current.messageId,
    previousState: current.state,
    applied: false,
  };
  return { record: rearm(facts, proposal.occurredAt, opts), entry };
}

/** Facts a status carries are kept even when its state is ignored: they are true regardless of order. */
function statusFacts(current: MessageRecord | undefined, ev: StatusEvent): MessageRecord {
  const { acceptedAt, ...meta } = ev.meta;
  const merged = { ...current?.meta, ...definedOnly(meta) } as MessageRecord['meta'];
  const record: MessageRecord = current
    ? { ...current, meta: merged }
    : { messageId: ev.messageId, state: 'accepted', meta: merged, stateAt: ev.at };
  record.acceptedAt = record.acceptedAt ?? acceptedAt ?? (ev.status === 'accepted' ? ev.at : undefined);
  if (ev.status === 'submitted') {
    record.submittedAt = record.submittedAt ?? ev.at;
    if (ev.carrierId !== undefined) record.carrierId = ev.carrierId;
    if (ev.carrierMessageId !== undefined) record.carrierMessageId = ev.carrierMessageId;
  }
  if (ev.status === 'ambiguous') {
    record.ambiguousAt = record.ambiguousAt ?? ev.at;
    record.carrierId = record.carrierId ?? ev.carrierId;
    record.carrierMessageId = record.carrierMessageId ?? ev.carrierMessageId;
  }
  return record;
}

/** Final messages have no deadline; any event on a live one pushes its deadline out. */
function rearm(record: MessageRecord, at: string, opts: MachineOptions): MessageRecord {
  if (isFinalState(record.state)) return { ...record, deadlineAt: undefined };
  const candidate = Date.parse(at) + opts.dlrTimeoutMs;
  const existing = record.deadlineAt === undefined ? -Infinity : Date.parse(record.deadlineAt);
  return { ...record, deadlineAt: new Date(Math.max(candidate, existing)).toISOString() };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
