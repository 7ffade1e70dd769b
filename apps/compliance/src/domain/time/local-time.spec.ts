import { isValidTimeZone, minuteOfDay, nextLocalTime, offsetAt } from './local-time';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const hm = (h: number, m = 0) => h * 60 + m;

describe('local time arithmetic', () => {
  it.each([
    ['Europe/Paris', '2026-03-29T00:59:59Z', 3600],
    ['Europe/Paris', '2026-03-29T01:00:00Z', 7200],
    ['Europe/Paris', '2026-10-25T00:59:59Z', 7200],
    ['Europe/Paris', '2026-10-25T01:00:00Z', 3600],
    ['America/New_York', '2026-03-08T06:59:59Z', -18000],
    ['America/New_York', '2026-03-08T07:00:00Z', -14400],
    ['Asia/Kolkata', '2026-06-01T00:00:00Z', 19800],
  ])('offset of %s at %s is %i s', (zone, instant, seconds) => {
    expect(offsetAt(at(instant), zone)).toBe(seconds * 1000);
  });

  it.each([
    ['plain day', 'Europe/Paris', '2026-06-10T12:00:00Z', hm(8), '2026-06-11T06:00:00.000Z'],
    ['later the same day', 'Europe/Paris', '2026-06-10T04:00:00Z', hm(8), '2026-06-10T06:00:00.000Z'],
    [
      'strictly after: same minute rolls to tomorrow',
      'Europe/Paris',
      '2026-06-10T06:00:00Z',
      hm(8),
      '2026-06-11T06:00:00.000Z',
    ],
    [
      'spring forward, CET evening to CEST morning',
      'Europe/Paris',
      '2026-03-28T20:00:00Z',
      hm(8),
      '2026-03-29T06:00:00.000Z',
    ],
    [
      'fall back, CEST evening to CET morning',
      'Europe/Paris',
      '2026-10-24T20:00:00Z',
      hm(8),
      '2026-10-25T07:00:00.000Z',
    ],
    [
      'skipped 02:30 resolves to the end of the gap',
      'Europe/Paris',
      '2026-03-29T00:10:00Z',
      hm(2, 30),
      '2026-03-29T01:00:00.000Z',
    ],
    ['repeated 02:30: the first one', 'Europe/Paris', '2026-10-24T23:10:00Z', hm(2, 30), '2026-10-25T00:30:00.000Z'],
    [
      'repeated 02:30: the second one once the first passed',
      'Europe/Paris',
      '2026-10-25T01:10:00Z',
      hm(2, 30),
      '2026-10-25T01:30:00.000Z',
    ],
    ['New York spring forward', 'America/New_York', '2026-03-08T04:00:00Z', hm(8), '2026-03-08T12:00:00.000Z'],
    ['New York fall back', 'America/New_York', '2026-11-01T02:00:00Z', hm(8), '2026-11-01T13:00:00.000Z'],
    ['New York skipped 02:15', 'America/New_York', '2026-03-08T05:00:00Z', hm(2, 15), '2026-03-08T07:00:00.000Z'],
  ])('%s: %s after %s, local minute %i -> %s', (_case, zone, after, minute, expected) => {
    expect(iso(nextLocalTime(at(after), zone, minute))).toBe(expected);
  });

  it('reads the local minute of the day', () => {
    expect(minuteOfDay(at('2026-03-29T01:00:00Z'), 'Europe/Paris')).toBe(hm(3));
    expect(minuteOfDay(at('2026-03-29T00:59:00Z'), 'Europe/Paris')).toBe(hm(1, 59));
  });

  it('knows real zones from typos', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Europe/Pariss')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
