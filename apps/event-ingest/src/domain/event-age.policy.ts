import type { MessageCategory } from '@herald/contracts';

/** The oldest an event may be, by category, for its SMS to still be worth sending (seconds). */
export type MaxEventAge = Readonly<Record<MessageCategory, number>>;

/**
 * An OTP is useless once the login screen timed out; a security alert after an hour is noise; an order
 * update a day late is still correct but no longer expected; a promotion half a day late misses its moment.
 */
export const DEFAULT_MAX_EVENT_AGE_SECONDS: MaxEventAge = {
  otp: 600,
  security: 3600,
  transactional: 86400,
  promotional: 43200,
};

export const TOO_OLD = 'TOO_OLD';

export type EventAge = { fresh: true; expiresAt: Date } | { fresh: false; expiresAt: Date; reason: string };

/**
 * A message's life counts from when the event happened (ce_time), not from when Herald read it: an
 * event replayed an hour late has already spent that hour. It ends at the earlier of its TTL and its
 * category's maximum age. A producer clock ahead of ours must not buy extra life, so a future time
 * counts as now.
 */
export function judgeEventAge(
  eventTime: string,
  category: MessageCategory,
  ttlSeconds: number,
  now: Date,
  maxAge: MaxEventAge,
): EventAge {
  const stated = Date.parse(eventTime);
  const start = Number.isNaN(stated) ? now.getTime() : Math.min(stated, now.getTime());
  const lifeSeconds = Math.min(ttlSeconds, maxAge[category]);
  const expiresAt = new Date(start + lifeSeconds * 1000);
  if (expiresAt.getTime() > now.getTime()) return { fresh: true, expiresAt };
  const ageSeconds = Math.floor((now.getTime() - start) / 1000);
  const limit =
    lifeSeconds === ttlSeconds ? `TTL of ${ttlSeconds} s` : `maximum ${category} event age of ${lifeSeconds} s`;
  return {
    fresh: false,
    expiresAt,
    reason: `event time ${new Date(start).toISOString()} is ${ageSeconds} s old at ingest, past its ${limit}`,
  };
}
