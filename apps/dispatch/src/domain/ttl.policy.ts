/** Below this a submit is pointless: the SMSC would get a validity period of zero. */
export const MIN_REMAINING_MS = 1000;

export type TtlCheck = { expired: true } | { expired: false; remainingSeconds: number };

/** An OTP past its TTL is never sent: a message whose remaining life is under the floor counts as expired. */
export function checkTtl(expiresAt: number, now: number, minRemainingMs = MIN_REMAINING_MS): TtlCheck {
  if (!Number.isFinite(expiresAt)) return { expired: true };
  const remaining = expiresAt - now;
  if (remaining < minRemainingMs) return { expired: true };
  return { expired: false, remainingSeconds: Math.floor(remaining / 1000) };
}
