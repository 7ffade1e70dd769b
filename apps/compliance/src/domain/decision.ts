import type { ExpireReason, SuppressReason } from './reason-codes';

export interface Suppression {
  outcome: 'suppressed';
  reasonCode: SuppressReason;
  reason: string;
}

export interface Approval {
  outcome: 'approved';
  senderId: string;
  entityId?: string;
}

export interface Deferral {
  outcome: 'deferred';
  /** When sending may start again (the end of the quiet window), ISO 8601 UTC. */
  releaseAt: string;
  timezone: string;
}

export interface Expiry {
  outcome: 'expired';
  reasonCode: ExpireReason;
  reason: string;
}

export type Decision = Approval | Suppression | Deferral | Expiry;

export const suppress = (reasonCode: SuppressReason, reason: string): Suppression => ({
  outcome: 'suppressed',
  reasonCode,
  reason,
});
