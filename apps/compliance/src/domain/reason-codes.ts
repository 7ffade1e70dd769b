/** Why a message was not approved, as it appears in `reasonCode` on sms.status.v1. */
export const SuppressReasons = [
  'INVALID_NUMBER',
  'NOT_MOBILE',
  'COUNTRY_DENIED',
  'COUNTRY_NOT_ALLOWED',
  'OPTED_OUT',
  'NO_CONSENT',
  'NO_SENDER',
  'TEMPLATE_NOT_REGISTERED',
  'FREQUENCY_CAP',
  'FRAUD_SUSPECTED',
] as const;
export type SuppressReason = (typeof SuppressReasons)[number];

/** TTL_EXPIRED: already stale on arrival; QUIET_HOURS_EXPIRED: its TTL ends before sending may resume. */
export const ExpireReasons = ['TTL_EXPIRED', 'QUIET_HOURS_EXPIRED'] as const;
export type ExpireReason = (typeof ExpireReasons)[number];

export const DEFER_REASON = 'QUIET_HOURS';
