export type QuotaDecision = { allowed: true } | { allowed: false; quota: number; retryAfterSeconds: number };

/**
 * A key's requests today (this one included) against its quota: the key's own, else the configured
 * default; 0 means no quota. Refused until the next UTC midnight, when the day's count starts over.
 */
export function judgeDailyQuota(
  requestsToday: number,
  keyQuota: number | null,
  defaultQuota: number,
  now: Date,
): QuotaDecision {
  const quota = keyQuota ?? defaultQuota;
  if (quota === 0 || requestsToday <= quota) return { allowed: true };
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return { allowed: false, quota, retryAfterSeconds: Math.max(1, Math.ceil((midnight - now.getTime()) / 1000)) };
}

/** The UTC calendar day a request counts against, YYYY-MM-DD. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);
