import { shippedComplianceRules } from '../compliance.fixtures';
import type { QuietHoursRule } from '../rules/compliance-rules';
import { inWindow, quietUntil, quietWindowFor, recipientTimezone } from './quiet-hours.policy';

const rules = shippedComplianceRules();
const window2108 = { startMinute: 21 * 60, endMinute: 8 * 60 };
const iso = (ms: number | undefined) => (ms === undefined ? 'open' : new Date(ms).toISOString());

describe('quiet hours 21:00-08:00 in the recipient zone', () => {
  it.each([
    // Europe/Paris, spring forward on 2026-03-29 (02:00 CET -> 03:00 CEST)
    ['Europe/Paris', '2026-03-28T19:59:59Z', 'open'], // 20:59:59 CET
    ['Europe/Paris', '2026-03-28T20:00:00Z', '2026-03-29T06:00:00.000Z'], // 21:00 CET, released 08:00 CEST
    ['Europe/Paris', '2026-03-29T00:59:00Z', '2026-03-29T06:00:00.000Z'], // 01:59 CET, just before the jump
    ['Europe/Paris', '2026-03-29T01:00:00Z', '2026-03-29T06:00:00.000Z'], // 03:00 CEST, just after
    ['Europe/Paris', '2026-03-29T05:59:59Z', '2026-03-29T06:00:00.000Z'], // 07:59:59 CEST
    ['Europe/Paris', '2026-03-29T06:00:00Z', 'open'], // 08:00 CEST: the window has ended
    ['Europe/Paris', '2026-03-29T18:59:59Z', 'open'], // 20:59:59 CEST
    ['Europe/Paris', '2026-03-29T19:00:00Z', '2026-03-30T06:00:00.000Z'], // 21:00 CEST
    // Europe/Paris, fall back on 2026-10-25 (03:00 CEST -> 02:00 CET): that night lasts 12 h
    ['Europe/Paris', '2026-10-24T19:00:00Z', '2026-10-25T07:00:00.000Z'], // 21:00 CEST
    ['Europe/Paris', '2026-10-25T00:30:00Z', '2026-10-25T07:00:00.000Z'], // 02:30 CEST (first)
    ['Europe/Paris', '2026-10-25T01:30:00Z', '2026-10-25T07:00:00.000Z'], // 02:30 CET (second)
    ['Europe/Paris', '2026-10-25T06:59:59Z', '2026-10-25T07:00:00.000Z'], // 07:59:59 CET
    ['Europe/Paris', '2026-10-25T07:00:00Z', 'open'], // 08:00 CET
    ['Europe/Paris', '2026-10-25T20:00:00Z', '2026-10-26T07:00:00.000Z'], // 21:00 CET
    // America/New_York, spring forward 2026-03-08 and fall back 2026-11-01
    ['America/New_York', '2026-03-08T01:59:59Z', 'open'], // 20:59:59 EST on the 7th
    ['America/New_York', '2026-03-08T02:00:00Z', '2026-03-08T12:00:00.000Z'], // 21:00 EST -> 08:00 EDT
    ['America/New_York', '2026-03-08T12:00:00Z', 'open'], // 08:00 EDT
    ['America/New_York', '2026-11-01T01:00:00Z', '2026-11-01T13:00:00.000Z'], // 21:00 EDT -> 08:00 EST
    ['America/New_York', '2026-11-01T12:59:59Z', '2026-11-01T13:00:00.000Z'], // 07:59:59 EST
    ['America/New_York', '2026-11-01T13:00:00Z', 'open'], // 08:00 EST
  ])('%s at %s -> %s', (zone, now, expected) => {
    expect(iso(quietUntil(Date.parse(now), zone, window2108))).toBe(expected);
  });

  it.each([
    [
      { startMinute: 21 * 60, endMinute: 8 * 60 },
      [
        [21 * 60, true],
        [23 * 60 + 59, true],
        [0, true],
        [7 * 60 + 59, true],
        [8 * 60, false],
        [20 * 60 + 59, false],
      ],
    ],
    [
      { startMinute: 12 * 60, endMinute: 14 * 60 },
      [
        [12 * 60, true],
        [13 * 60 + 59, true],
        [14 * 60, false],
        [11 * 60 + 59, false],
      ],
    ],
  ] as const)('window %j: start inclusive, end exclusive', (w, cases) => {
    for (const [minute, quiet] of cases) expect([minute, inWindow(minute, w)]).toEqual([minute, quiet]);
  });

  it('has no quiet hours without a window', () => {
    expect(quietUntil(Date.parse('2026-03-28T23:00:00Z'), 'Europe/Paris', null)).toBeUndefined();
  });
});

describe('quiet window selection', () => {
  const byCountry: QuietHoursRule[] = [
    { countries: ['*'], categories: ['transactional', 'promotional'], window: window2108 },
    { countries: ['FR'], categories: ['promotional'], window: { startMinute: 20 * 60, endMinute: 10 * 60 } },
    { countries: ['DE'], categories: ['transactional'], window: null },
  ];

  it.each([
    ['FR', 'promotional', { startMinute: 1200, endMinute: 600 }],
    ['FR', 'transactional', window2108],
    ['DE', 'transactional', null],
    ['DE', 'promotional', window2108],
    ['US', 'otp', null],
    ['US', 'security', null],
  ] as const)('%s %s -> %j', (country, category, expected) => {
    expect(quietWindowFor(country, category, byCountry)).toEqual(expected);
  });

  it('ships 21:00-08:00 for transactional and promotional and nothing for otp or security', () => {
    expect(quietWindowFor('FR', 'transactional', rules.quietHours)).toEqual(window2108);
    expect(quietWindowFor('JP', 'promotional', rules.quietHours)).toEqual(window2108);
    expect(quietWindowFor('FR', 'otp', rules.quietHours)).toBeNull();
    expect(quietWindowFor('FR', 'security', rules.quietHours)).toBeNull();
  });
});

describe('recipient time zone', () => {
  it.each([
    ['explicit zone wins', 'America/Chicago', 'FR', '+33612345678', 'America/Chicago'],
    ['invalid explicit zone falls back to the country', 'Mars/Olympus', 'FR', '+33612345678', 'Europe/Paris'],
    ['multi-zone country by area code', undefined, 'US', '+14155550123', 'America/Los_Angeles'],
    ['unknown country falls back to the rules default', undefined, 'ZZ', '+999', 'UTC'],
  ])('%s', (_case, explicit, country, e164, expected) => {
    expect(recipientTimezone(explicit, country, e164, 'UTC')).toBe(expected);
  });
});
