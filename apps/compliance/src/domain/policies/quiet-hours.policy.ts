import { defaultTimezoneFor } from '@herald/phone';
import type { MessageCategory } from '@herald/contracts';
import type { ComplianceRules, LocalWindow } from '../rules/compliance-rules';
import { isValidTimeZone, minuteOfDay, nextLocalTime } from '../time/local-time';

/** An explicit valid zone on the message, else the number's country/area code, else the rules' default. */
export function recipientTimezone(
  explicit: string | undefined,
  country: string,
  e164: string,
  fallback: string,
): string {
  if (explicit && isValidTimeZone(explicit)) return explicit;
  const derived = defaultTimezoneFor(country, e164);
  return derived && isValidTimeZone(derived) ? derived : fallback;
}

/** The window for a country and category: a rule naming the country beats a '*' rule; the first match wins. */
export function quietWindowFor(
  country: string,
  category: MessageCategory,
  rules: ComplianceRules['quietHours'],
): LocalWindow | null {
  const matching = rules.filter((r) => r.categories.includes(category));
  const rule = matching.find((r) => r.countries.includes(country)) ?? matching.find((r) => r.countries.includes('*'));
  return rule?.window ?? null;
}

export function inWindow(minute: number, w: LocalWindow): boolean {
  return w.startMinute < w.endMinute
    ? minute >= w.startMinute && minute < w.endMinute
    : minute >= w.startMinute || minute < w.endMinute;
}

/** Epoch ms when sending may resume, or undefined when `nowMs` is outside the quiet window. */
export function quietUntil(nowMs: number, zone: string, w: LocalWindow | null): number | undefined {
  if (!w || !inWindow(minuteOfDay(nowMs, zone), w)) return undefined;
  return nextLocalTime(nowMs, zone, w.endMinute);
}
