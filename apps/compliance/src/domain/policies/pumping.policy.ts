import type { MessageCategory } from '@herald/contracts';
import { suppress, type Suppression } from '../decision';

/**
 * monitor: counted and reported (metric), never suppressed; filter: the messages beyond the limit
 * in a window are suppressed, the first `limit` go; block: as filter, and a key that went over the
 * limit in the previous window stays closed for the whole current one (a pump that keeps going is
 * starved, not metered).
 */
export const GuardModes = ['monitor', 'filter', 'block'] as const;
export type GuardMode = (typeof GuardModes)[number];

export interface VelocityRule {
  name: string;
  /** country: per destination country; prefix: per first `prefixDigits` digits of the number. */
  scope: 'country' | 'prefix';
  categories: MessageCategory[];
  limit: number;
  windowSeconds: number;
  mode: GuardMode;
}

export interface PumpingRules {
  /** Digits of the E.164 number (country code included) that make a prefix, e.g. 7: +33 6 12 34. */
  prefixDigits: number;
  velocity: VelocityRule[];
}

export interface VelocityTarget {
  e164: string;
  country: string;
  category: MessageCategory;
}

/** What a batch adds to one shared counter row: fixed windows, keyed by rule and scope value. */
export interface VelocityIncrement {
  key: string;
  bucketStartMs: number;
  previousBucketStartMs: number;
  windowMs: number;
  n: number;
}

/** A counter after the batch's increment, as the database returned it, and its previous window. */
export interface VelocityCount {
  key: string;
  total: number;
  previous: number;
}

export interface VelocityFlag {
  rule: string;
  mode: GuardMode;
}

function scopeValue(rule: VelocityRule, t: VelocityTarget, prefixDigits: number): string {
  return rule.scope === 'country' ? t.country : `+${t.e164.replace(/\D/g, '').slice(0, prefixDigits)}`;
}

function applicable(rules: PumpingRules, t: VelocityTarget): Array<{ rule: VelocityRule; key: string }> {
  return rules.velocity
    .filter((r) => r.categories.includes(t.category))
    .map((rule) => ({ rule, key: `${rule.name}:${scopeValue(rule, t, rules.prefixDigits)}` }));
}

/** The counter increments of a batch, one per key, in key order (a fixed lock order across replicas). */
export function velocityIncrements(
  targets: readonly VelocityTarget[],
  rules: PumpingRules,
  nowMs: number,
): VelocityIncrement[] {
  const out = new Map<string, VelocityIncrement>();
  for (const t of targets) {
    for (const { rule, key } of applicable(rules, t)) {
      const windowMs = rule.windowSeconds * 1000;
      const bucketStartMs = Math.floor(nowMs / windowMs) * windowMs;
      const inc = out.get(key) ?? {
        key,
        bucketStartMs,
        previousBucketStartMs: bucketStartMs - windowMs,
        windowMs,
        n: 0,
      };
      inc.n += 1;
      out.set(key, inc);
    }
  }
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Decides the batch's messages against the shared counters. Counters count attempts (the whole
 * batch was added before deciding, in one statement), so a message's position in its window is
 * what the counter held before the batch plus its order within the batch; N replicas share one
 * row per key, so the limit holds for all of them together.
 */
export class VelocityLedger {
  private readonly before = new Map<string, VelocityCount & { n: number }>();
  private readonly seen = new Map<string, number>();
  readonly flags: VelocityFlag[] = [];

  constructor(
    private readonly rules: PumpingRules,
    counts: readonly VelocityCount[],
    increments: readonly VelocityIncrement[],
  ) {
    const added = new Map(increments.map((i) => [i.key, i.n]));
    for (const c of counts) this.before.set(c.key, { ...c, n: added.get(c.key) ?? 0 });
  }

  check(t: VelocityTarget): Suppression | undefined {
    let verdict: Suppression | undefined;
    for (const { rule, key } of applicable(this.rules, t)) {
      const counter = this.before.get(key);
      if (!counter) continue; // not counted (a deferred release): decided when it was counted
      const position = counter.total - counter.n + (this.seen.get(key) ?? 0) + 1;
      this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
      const blockedByPrevious = rule.mode === 'block' && counter.previous > rule.limit;
      if (position <= rule.limit && !blockedByPrevious) continue;
      this.flags.push({ rule: rule.name, mode: rule.mode });
      if (rule.mode === 'monitor' || verdict) continue;
      const scope =
        rule.scope === 'country' ? `country ${t.country}` : `prefix ${scopeValue(rule, t, this.rules.prefixDigits)}`;
      verdict = suppress(
        'FRAUD_SUSPECTED',
        blockedByPrevious
          ? `velocity ${rule.name} (block): ${scope} went over ${rule.limit} ${t.category} per ${rule.windowSeconds} s in the previous window`
          : `velocity ${rule.name} (${rule.mode}): over ${rule.limit} ${t.category} to ${scope} per ${rule.windowSeconds} s`,
      );
    }
    return verdict;
  }
}
