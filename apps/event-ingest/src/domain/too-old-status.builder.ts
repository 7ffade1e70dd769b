import { statusMetaOf, type SmsStatusV1 } from '@herald/contracts';
import { TOO_OLD } from './event-age.policy';
import type { PlannedNotification, SourceEventRef } from './planned-notification';

export interface TooOldDeps {
  now: Date;
  service: string;
}

/** The final status of a notification that was already stale at ingest: receipts turns it into an `expired` receipt. */
export function buildTooOldStatus(
  event: SourceEventRef,
  n: PlannedNotification,
  reason: string,
  deps: TooOldDeps,
): SmsStatusV1 {
  const at = deps.now.toISOString();
  return {
    messageId: n.messageId,
    status: 'expired',
    reasonCode: TOO_OLD,
    reason: reason.slice(0, 500),
    service: deps.service,
    at,
    meta: statusMetaOf({ ...n, sourceEvent: event, requestedAt: at }),
  };
}
