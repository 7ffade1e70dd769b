import { AREA_CODE_TIMEZONES } from './area-code-timezone.table';
import { COUNTRY_TIMEZONES } from './country-timezone.table';
import { defaultTimezoneFor } from './default-timezone';

const isIanaZone = (timeZone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
};

describe('defaultTimezoneFor', () => {
  it.each([
    ['FR', undefined, 'Europe/Paris'],
    ['gb', undefined, 'Europe/London'],
    ['JP', '+81312345678', 'Asia/Tokyo'],
    ['US', undefined, 'America/New_York'],
    ['US', '+12125550142', 'America/New_York'],
    ['US', '+13125550142', 'America/Chicago'],
    ['US', '+13035550142', 'America/Denver'],
    ['US', '+16025550142', 'America/Phoenix'],
    ['US', '+14155552671', 'America/Los_Angeles'],
    ['US', '+18085550142', 'Pacific/Honolulu'],
    ['US', '+1 (206) 555-0142', 'America/Los_Angeles'],
    ['US', '+19895550142', 'America/New_York'],
    ['US', '+33612345678', 'America/New_York'],
    ['CA', '+16045550123', 'America/Vancouver'],
    ['CA', '+14165550123', 'America/Toronto'],
    ['AU', '+61891234567', 'Australia/Perth'],
    ['AU', '+61889123456', 'Australia/Darwin'],
    ['AU', '+61491570156', 'Australia/Sydney'],
    ['BR', '+5592912345678', 'America/Manaus'],
    ['BR', '+5511912345678', 'America/Sao_Paulo'],
    ['RU', '+73832123456', 'Asia/Novosibirsk'],
    ['RU', '+79123456789', 'Europe/Moscow'],
    ['MX', '+526641234567', 'America/Tijuana'],
    ['MX', '+525512345678', 'America/Mexico_City'],
    ['ZZ', undefined, undefined],
    ['001', '+80012345678', undefined],
  ])('%s %s -> %s', (country, e164, expected) => {
    expect(defaultTimezoneFor(country, e164)).toBe(expected);
  });

  it('covers at least 60 countries', () => {
    expect(Object.keys(COUNTRY_TIMEZONES).length).toBeGreaterThanOrEqual(60);
  });

  it('names only zones the runtime knows', () => {
    const zones = [
      ...Object.values(COUNTRY_TIMEZONES),
      ...Object.values(AREA_CODE_TIMEZONES).flatMap((plan) => Object.values(plan.zones)),
    ];
    expect(zones.filter((zone) => !isIanaZone(zone))).toEqual([]);
  });

  it('has a country default for every country with an area-code table', () => {
    expect(Object.keys(AREA_CODE_TIMEZONES).filter((country) => COUNTRY_TIMEZONES[country] === undefined)).toEqual([]);
  });
});
