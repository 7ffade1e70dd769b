import type { OptAction, OptSource } from '@herald/contracts';
import { suppress, type Suppression } from '../decision';

/** The stored opt state of one recipient for one brand; brand '*' covers every brand (STOPALL). */
export interface OptOutState {
  recipientToken: string;
  brand: string;
  optedOut: boolean;
  source: OptSource;
  /** ISO 8601: when the recipient (or an operator) made the change. */
  at: string;
}

export const ALL_BRANDS = '*';

/** The most recent of the brand's own state and an all-brands state decides. */
export function checkOptOut(
  states: readonly OptOutState[],
  message: { recipientToken: string; brand: string; templateKey: string },
  exemptPrefixes: readonly string[],
): Suppression | undefined {
  if (exemptPrefixes.some((p) => message.templateKey.startsWith(p))) return undefined;
  let latest: OptOutState | undefined;
  for (const s of states) {
    if (s.recipientToken !== message.recipientToken || (s.brand !== message.brand && s.brand !== ALL_BRANDS)) continue;
    if (!latest || Date.parse(s.at) > Date.parse(latest.at)) latest = s;
  }
  if (!latest?.optedOut) return undefined;
  return suppress('OPTED_OUT', `recipient opted out of ${latest.brand === ALL_BRANDS ? 'every brand' : latest.brand} via ${latest.source} at ${latest.at}`);
}

export interface OptEvent {
  recipientToken: string;
  brand: string;
  action: OptAction;
  at: string;
}

/**
 * One event per (recipient, brand): the newest. A batch can carry several changes of the same
 * pair and a single upsert may touch each row only once; the store still applies an event only if
 * it is newer than what it holds.
 */
export function latestOptEvents<E extends OptEvent>(events: readonly E[]): E[] {
  const latest = new Map<string, E>();
  for (const e of events) {
    const key = `${e.recipientToken}\u0000${e.brand}`;
    const held = latest.get(key);
    if (!held || Date.parse(e.at) >= Date.parse(held.at)) latest.set(key, e);
  }
  return [...latest.values()];
}
