import { LOCALE_PATTERN } from '@herald/contracts';

const REGION_SUBTAG = /-([A-Z]{2})$/;
const zoneCache = new Map<string, boolean>();

export function isLocale(value: unknown): value is string {
  return typeof value === 'string' && LOCALE_PATTERN.test(value);
}

/** `fr-FR` -> `FR`, `zh-Hans-CN` -> `CN`; none for `fr` or UN M.49 regions like `es-419`. */
export function regionOfLocale(locale: string | undefined): string | undefined {
  return locale === undefined ? undefined : REGION_SUBTAG.exec(locale)?.[1];
}

/** An IANA zone this runtime can convert to, e.g. `Europe/Paris`; anything else is not a timezone. */
export function isKnownTimezone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  let known = zoneCache.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    if (zoneCache.size < 1000) zoneCache.set(value, known);
  }
  return known;
}
