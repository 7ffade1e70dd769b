import { ALL_BRANDS, type OptAction, type OptSource } from '@herald/contracts';
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

/** The sourceEvent receipts gives the reply it sends to a keyword MO (apps/receipts inbound-reply.ts). */
export const KEYWORD_REPLY_SOURCE = { type: 'carrier.inbound', source: 'herald/receipts' } as const;

export interface OptOutFacts {
  recipientToken: string;
  brand: string;
  templateKey: string;
  sourceEvent: { type: string; source: string; time: string };
}

/**
 * The most recent of the brand's own state and an all-brands state decides. Every message is
 * checked, system templates included, except the STOP confirmation answering the very STOP that
 * opted the recipient out: the reply receipts built from that MO, whose event time is the time the
 * deciding opt-out records. A confirmation of an older STOP, a HELP, or a system template requested
 * any other way is suppressed like any message.
 */
export function checkOptOut(
  states: readonly OptOutState[],
  message: OptOutFacts,
  stopConfirmationTemplate: string,
): Suppression | undefined {
  let latest: OptOutState | undefined;
  for (const s of states) {
    if (s.recipientToken !== message.recipientToken || (s.brand !== message.brand && s.brand !== ALL_BRANDS)) continue;
    if (!latest || Date.parse(s.at) > Date.parse(latest.at)) latest = s;
  }
  if (!latest?.optedOut) return undefined;
  if (answersThisStop(message, latest, stopConfirmationTemplate)) return undefined;
  return suppress(
    'OPTED_OUT',
    `recipient opted out of ${latest.brand === ALL_BRANDS ? 'every brand' : latest.brand} via ${latest.source} at ${latest.at}`,
  );
}

function answersThisStop(message: OptOutFacts, optOut: OptOutState, stopConfirmationTemplate: string): boolean {
  return (
    message.templateKey === stopConfirmationTemplate &&
    message.sourceEvent.type === KEYWORD_REPLY_SOURCE.type &&
    message.sourceEvent.source === KEYWORD_REPLY_SOURCE.source &&
    optOut.source === 'sms' &&
    Date.parse(message.sourceEvent.time) === Date.parse(optOut.at)
  );
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
