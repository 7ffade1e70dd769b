// Each union comes with its value list so @IsIn() and the type can never disagree.

export const MessageCategories = ['otp', 'security', 'transactional', 'promotional'] as const;
export type MessageCategory = (typeof MessageCategories)[number];

export const SmsEncodings = ['GSM7', 'UCS2'] as const;
export type SmsEncoding = (typeof SmsEncodings)[number];

export const CanonicalStates = [
  'accepted',
  'rendered',
  'approved',
  'suppressed',
  'deferred',
  'submitted',
  'enroute',
  'delivered',
  'undelivered',
  'expired',
  'rejected',
  'unknown',
  'failed',
] as const;
export type CanonicalState = (typeof CanonicalStates)[number];

/** What a carrier can report about a submitted message: the states carrier.receipts.v1 carries. */
export const DeliveryStates = [
  'enroute',
  'delivered',
  'undelivered',
  'expired',
  'rejected',
  'unknown',
] as const satisfies readonly CanonicalState[];
export type DeliveryState = (typeof DeliveryStates)[number];

export const FinalStates = [
  'delivered',
  'undelivered',
  'expired',
  'rejected',
  'failed',
  'suppressed',
  'unknown',
] as const satisfies readonly CanonicalState[];
export type FinalState = (typeof FinalStates)[number];

const finalStateSet: ReadonlySet<string> = new Set(FinalStates);

export function isFinalState(state: string): state is FinalState {
  return finalStateSet.has(state);
}

/** The non-final states sms.receipts.v1 carries by default (receipts' RECEIPTS_PUBLISH=milestones), besides every final one. */
export const MilestoneStates = ['deferred', 'submitted'] as const satisfies readonly CanonicalState[];

/** What sms.receipts.v1 carries by default, in CanonicalStates order; RECEIPTS_PUBLISH=all carries every transition. */
export const DefaultPublishedStates: readonly CanonicalState[] = CanonicalStates.filter(
  (s) => isFinalState(s) || (MilestoneStates as readonly string[]).includes(s),
);

/** States a stage reports on sms.status.v1; `ambiguous` marks a submit whose outcome is unknown after a crash. */
export const InternalStatuses = [
  'accepted',
  'rendered',
  'approved',
  'suppressed',
  'deferred',
  'submitted',
  'failed',
  'expired',
  'ambiguous',
] as const;
export type InternalStatus = (typeof InternalStatuses)[number];

export const OptActions = ['opt_out', 'opt_in'] as const;
export type OptAction = (typeof OptActions)[number];

export const OptSources = ['sms', 'api', 'import'] as const;
export type OptSource = (typeof OptSources)[number];

export const Priorities = ['high', 'normal'] as const;
export type Priority = (typeof Priorities)[number];

export const OtpPurposes = ['login', 'password_reset', 'verify'] as const;
export type OtpPurpose = (typeof OtpPurposes)[number];
