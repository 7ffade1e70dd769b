import { NO_DLR, type SimBehaviour } from './behaviour';

export const ESME_ROK = 0x00;
export const ESME_RMSGQFUL = 0x14;
export const ESME_RTHROTTLED = 0x58;

export interface SubmitDecision {
  status: number;
  /** Receipt state to send later; undefined for no receipt (refused, or NO_DLR). */
  dlrStat?: string;
}

/** Longest matching suffix of the destination digits. */
export function forcedOutcome(destination: string, forced: Readonly<Record<string, string>>): string | undefined {
  let best: string | undefined;
  for (const suffix of Object.keys(forced)) {
    if (destination.endsWith(suffix) && (best === undefined || suffix.length > best.length)) best = suffix;
  }
  return best === undefined ? undefined : forced[best];
}

export function pickWeighted(mix: Readonly<Record<string, number>>, random: () => number): string {
  const entries = Object.entries(mix).filter(([, w]) => w > 0);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [stat, w] of entries) {
    r -= w;
    if (r < 0) return stat;
  }
  return entries[entries.length - 1][0];
}

/**
 * What the carrier answers to one submit: forced per-destination outcomes first (tests rely on
 * them), then injected throttling and queue-full, then a receipt state from the outcome mix.
 */
export function decideSubmit(
  destination: string,
  b: SimBehaviour,
  random: () => number,
  statusByName: (name: string) => number | undefined,
): SubmitDecision {
  const forced = forcedOutcome(destination, b.forcedOutcomes);
  if (forced !== undefined) {
    const status = statusByName(forced);
    if (status !== undefined) return { status };
    return forced === NO_DLR ? { status: ESME_ROK } : { status: ESME_ROK, dlrStat: forced };
  }
  if (b.throttleRate > 0 && random() < b.throttleRate) return { status: ESME_RTHROTTLED };
  if (b.queueFullRate > 0 && random() < b.queueFullRate) return { status: ESME_RMSGQFUL };
  return { status: ESME_ROK, dlrStat: pickWeighted(b.outcomeMix, random) };
}

/** Token bucket of one second: at most `perSecond` submits accepted in any burst. */
export class RateLimiter {
  private tokens = 0;
  private last = 0;

  tryTake(perSecond: number, now: number): boolean {
    if (perSecond <= 0) return true;
    this.tokens = Math.min(perSecond, this.tokens + ((now - this.last) / 1000) * perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
