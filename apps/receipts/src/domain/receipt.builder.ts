import {
  HERALD_NAMESPACE,
  isFinalState,
  pickMessageMeta,
  uuidv5,
  type CanonicalState,
  type SmsReceiptV1,
} from '@herald/contracts';
import type { MessageRecord } from './message-record';

export interface ReceiptDetail {
  occurredAt: string;
  rawStatus?: string;
  rawErrorCode?: string;
  reasonCode?: string;
}

/** The public receipt of one transition: meta and timings, never a number or a body. */
export function buildReceipt(
  record: MessageRecord,
  previousState: CanonicalState | undefined,
  detail: ReceiptDetail,
): SmsReceiptV1 {
  const { meta } = record;
  const receipt: SmsReceiptV1 = {
    schemaVersion: 1,
    messageId: record.messageId,
    ...pickMessageMeta(meta),
    state: record.state,
    isFinal: isFinalState(record.state),
    occurredAt: detail.occurredAt,
  };
  const optional: Partial<SmsReceiptV1> = {
    carrierId: record.carrierId,
    previousState,
    rawStatus: detail.rawStatus,
    rawErrorCode: detail.rawErrorCode,
    reasonCode: detail.reasonCode,
    acceptedAt: record.acceptedAt,
    submittedAt: record.submittedAt,
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) Object.assign(receipt, { [key]: value });
  const acceptedToSubmitted = elapsedMs(record.acceptedAt, record.submittedAt);
  const submittedToFinal = receipt.isFinal ? elapsedMs(record.submittedAt, record.finalAt) : undefined;
  if (acceptedToSubmitted !== undefined || submittedToFinal !== undefined) {
    receipt.latencyMs = {};
    if (acceptedToSubmitted !== undefined) receipt.latencyMs.acceptedToSubmitted = acceptedToSubmitted;
    if (submittedToFinal !== undefined) receipt.latencyMs.submittedToFinal = submittedToFinal;
  }
  return receipt;
}

/** Deterministic CloudEvent id: a state is reached once per message, so consumers can dedupe on it. */
export function receiptIdFor(messageId: string, state: CanonicalState): string {
  return uuidv5(`receipt\u0000${messageId}\u0000${state}`, HERALD_NAMESPACE);
}

/** Whole milliseconds from `from` to `to`, never negative (clocks of two services may disagree). */
export function elapsedMs(from: string | undefined, to: string | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  return Math.max(0, Math.round(Date.parse(to) - Date.parse(from)));
}
