import {
  HERALD_NAMESPACE,
  statusMetaOf as pipelineStatusMetaOf,
  Topics,
  uuidv5,
  type SmsApprovedV1,
  type SmsEncoding,
  type SmsStatusV1,
  type StatusMetaDto,
} from '@herald/contracts';

/** How dispatch ended for one message; becomes a ledger update and an sms.status.v1 record. */
export type MessageResult =
  | { status: 'submitted'; carrierId: string; carrierMessageIds: string[]; attempt: number; segments: number }
  | { status: 'failed'; reasonCode: string; reason: string; attempt: number; carrierId?: string; rawStatus?: string }
  | { status: 'expired'; reason: string; attempt: number }
  | {
      status: 'ambiguous';
      reason: string;
      attempt: number;
      carrierId?: string;
      rawStatus?: string;
      carrierMessageIds?: string[];
    };

/** A result as the ledger keeps it, so a redelivered message reports the same status again. */
export interface StoredResult {
  result: MessageResult;
  /** When the status was first reported. */
  at: string;
}

/** Receipts needs these to build a public receipt without reading our tables; no personal data. */
export function statusMetaOf(m: SmsApprovedV1, segments?: number, encoding?: SmsEncoding): StatusMetaDto {
  return pipelineStatusMetaOf(m, { segments, encoding });
}

export function statusOf(
  messageId: string,
  result: MessageResult,
  meta: StatusMetaDto,
  service: string,
  at: Date,
): SmsStatusV1 {
  const base: SmsStatusV1 = {
    messageId,
    status: result.status,
    service,
    at: at.toISOString(),
    meta,
    attempt: Math.max(1, result.attempt),
  };
  switch (result.status) {
    case 'submitted':
      return { ...base, carrierId: result.carrierId, ...firstId(result.carrierMessageIds) };
    case 'failed':
      return {
        ...base,
        reasonCode: result.reasonCode,
        reason: clip(result.reason),
        ...carrierOf(result),
        ...raw(result.rawStatus),
      };
    case 'expired':
      return { ...base, reasonCode: 'TTL_EXPIRED', reason: clip(result.reason) };
    case 'ambiguous':
      return {
        ...base,
        reasonCode: 'AMBIGUOUS_SUBMIT',
        reason: clip(result.reason),
        ...carrierOf(result),
        ...raw(result.rawStatus),
        ...firstId(result.carrierMessageIds ?? []),
      };
  }
}

/**
 * The status record's ce_id: the same for every produce of one stored result (a replay after a
 * redelivery, or the outbox sweep after a crash), so a consumer can recognise a repeat.
 */
export function statusEventIdOf(messageId: string, stored: StoredResult): string {
  return uuidv5(
    `${Topics.SmsStatusV1}\u0000${messageId}\u0000${stored.result.status}\u0000${stored.at}`,
    HERALD_NAMESPACE,
  );
}

function firstId(ids: readonly string[]): { carrierMessageId?: string } {
  const id = ids.find((i) => i !== '');
  return id === undefined ? {} : { carrierMessageId: id.slice(0, 128) };
}

function carrierOf(r: { carrierId?: string }): { carrierId?: string } {
  return r.carrierId === undefined ? {} : { carrierId: r.carrierId };
}

function raw(rawStatus: string | undefined): { rawStatus?: string } {
  return rawStatus === undefined ? {} : { rawStatus: rawStatus.slice(0, 32) };
}

function clip(text: string): string {
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
