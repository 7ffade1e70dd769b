import type { CanonicalState, InternalStatus, MessageMetaDto } from '@herald/contracts';
import type { IgnoredReason } from './canonical-state';

/** What receipts knows about a message without reading another service's tables (acceptedAt is kept on the record). */
export type MessageMeta = Omit<MessageMetaDto, 'acceptedAt'>;

/** A message's current state; times are ISO 8601 strings. */
export interface MessageRecord {
  messageId: string;
  state: CanonicalState;
  meta: MessageMeta;
  carrierId?: string;
  carrierMessageId?: string;
  acceptedAt?: string;
  submittedAt?: string;
  /** Dispatch could not tell whether the carrier took it; only a DLR or the timeout settles it. */
  ambiguousAt?: string;
  finalAt?: string;
  /** When the current state was reached. */
  stateAt: string;
  /** When a non-final message becomes `unknown`; absent once final. */
  deadlineAt?: string;
}

export interface StatusEvent {
  kind: 'status';
  messageId: string;
  status: InternalStatus;
  at: string;
  service: string;
  meta: MessageMeta & { acceptedAt?: string };
  attempt?: number;
  reasonCode?: string;
  reason?: string;
  carrierId?: string;
  carrierMessageId?: string;
  rawStatus?: string;
  rawErrorCode?: string;
}

export interface DlrEvent {
  kind: 'dlr';
  carrierId: string;
  carrierMessageId: string;
  rawStat: string;
  rawErr?: string;
  /** Canonical state the raw stat maps to. */
  state: CanonicalState;
  /** When the adapter received the DLR; SMPP done dates have minute precision and the carrier's zone. */
  at: string;
}

export interface TimeoutEvent {
  kind: 'timeout';
  at: string;
}

export type MessageEvent = StatusEvent | DlrEvent | TimeoutEvent;

/** One row of a message's timeline: every event we saw, applied or not, for support staff. */
export interface TimelineEntry {
  messageId: string;
  /** Same event seen twice -> same key, so a redelivery adds no row. */
  eventKey: string;
  kind: MessageEvent['kind'];
  /** The state the event asked for (absent for `ambiguous`, which proposes none). */
  state?: CanonicalState;
  previousState?: CanonicalState;
  applied: boolean;
  ignoredReason?: IgnoredReason;
  rawStatus?: string;
  rawErrorCode?: string;
  reasonCode?: string;
  reason?: string;
  carrierId?: string;
  carrierMessageId?: string;
  /** The reporting service, carrier id or `receipts` for timeouts. */
  source: string;
  occurredAt: string;
}

export function dlrEventKey(e: Pick<DlrEvent, 'carrierId' | 'carrierMessageId' | 'rawStat' | 'rawErr'>): string {
  return `dlr:${e.carrierId}:${e.carrierMessageId}:${e.rawStat}:${e.rawErr ?? ''}`;
}

export function statusEventKey(e: Pick<StatusEvent, 'status' | 'attempt' | 'at'>): string {
  return `status:${e.status}:${e.attempt ?? ''}:${e.at}`;
}
