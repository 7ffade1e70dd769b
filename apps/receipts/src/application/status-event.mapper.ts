import type { SmsStatusV1 } from '@herald/contracts';
import type { StatusEvent } from '../domain/message-record';

/** Ids lower-cased and times in UTC so lock keys, event keys and the published receipts are canonical. */
export function toStatusEvent(p: SmsStatusV1): StatusEvent {
  const { acceptedAt, ...meta } = p.meta;
  const event: StatusEvent = {
    kind: 'status',
    messageId: p.messageId.toLowerCase(),
    status: p.status,
    at: utc(p.at),
    service: p.service,
    meta: { ...meta },
  };
  if (acceptedAt !== undefined) event.meta.acceptedAt = utc(acceptedAt);
  const optional: Partial<StatusEvent> = {
    attempt: p.attempt,
    reasonCode: p.reasonCode,
    reason: p.reason,
    carrierId: p.carrierId,
    carrierMessageId: p.carrierMessageId,
    rawStatus: p.rawStatus,
    rawErrorCode: p.rawErrorCode,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined && v !== '') Object.assign(event, { [k]: v });
  return event;
}

export function utc(timestamp: string): string {
  return new Date(timestamp).toISOString();
}
