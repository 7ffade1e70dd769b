import { AREA_CODE_TIMEZONES, type AreaCodeZones } from './area-code-timezone.table';
import { COUNTRY_TIMEZONES } from './country-timezone.table';

function byAreaCode({ callingCode, zones }: AreaCodeZones, e164: string): string | undefined {
  const digits = e164.replace(/[^\d+]/g, '');
  const prefix = `+${callingCode}`;
  if (!digits.startsWith(prefix)) return undefined;
  const national = digits.slice(prefix.length);
  for (let length = Math.min(national.length, 4); length > 0; length--) {
    const timezone = zones[national.slice(0, length)];
    if (timezone !== undefined) return timezone;
  }
  return undefined;
}

/**
 * A best-effort IANA zone for quiet hours and send windows when the event carries none: an
 * explicit timezone in the event always wins. Multi-zone countries (US, CA, AU, BR, RU, MX) use
 * the area code of `e164` where a small table knows it, else the most populous zone.
 */
export function defaultTimezoneFor(country: string, e164?: string): string | undefined {
  const iso2 = country.trim().toUpperCase();
  const areaCodes = AREA_CODE_TIMEZONES[iso2];
  const fromAreaCode = areaCodes !== undefined && e164 !== undefined ? byAreaCode(areaCodes, e164) : undefined;
  return fromAreaCode ?? COUNTRY_TIMEZONES[iso2];
}
