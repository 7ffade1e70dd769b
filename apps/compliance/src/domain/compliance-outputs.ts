import { statusMetaOf, type SmsApprovedV1, type SmsRenderedV1, type SmsStatusV1 } from '@herald/contracts';
import type { Approval, Deferral, Expiry, Suppression } from './decision';
import { DEFER_REASON } from './reason-codes';

/** sms.approved.v1: the rendered message unchanged, plus the chosen sender and the approval time. */
export function approvedPayload(m: SmsRenderedV1, a: Approval, now: Date): SmsApprovedV1 {
  const approved: SmsApprovedV1 = { ...m, senderId: a.senderId, approvedAt: now.toISOString() };
  if (a.entityId !== undefined) approved.entityId = a.entityId;
  return approved;
}

/** sms.status.v1 for a message that was not approved; a deferral carries its release time in `reason`. */
export function statusPayload(
  m: SmsRenderedV1,
  d: Suppression | Deferral | Expiry,
  now: Date,
  service: string,
): SmsStatusV1 {
  const base = {
    messageId: m.messageId,
    service,
    at: now.toISOString(),
    meta: statusMetaOf(m),
  };
  if (d.outcome === 'deferred') return { ...base, status: 'deferred', reasonCode: DEFER_REASON, reason: d.releaseAt };
  return { ...base, status: d.outcome, reasonCode: d.reasonCode, reason: d.reason.slice(0, 500) };
}
