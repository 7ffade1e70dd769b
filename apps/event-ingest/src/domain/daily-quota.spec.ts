import { judgeDailyQuota, utcDay } from './daily-quota';

describe('judgeDailyQuota', () => {
  const now = new Date('2026-12-04T21:00:00.500Z');
  it('allows up to the quota, refuses beyond it until the next UTC midnight', () => {
    expect(judgeDailyQuota(3, null, 3, now)).toEqual({ allowed: true });
    expect(judgeDailyQuota(4, null, 3, now)).toEqual({ allowed: false, quota: 3, retryAfterSeconds: 3 * 3600 });
  });
  it("uses the key's own quota over the default, and 0 as no quota", () => {
    expect(judgeDailyQuota(4, 10, 3, now)).toEqual({ allowed: true });
    expect(judgeDailyQuota(11, 10, 3, now)).toMatchObject({ allowed: false, quota: 10 });
    expect(judgeDailyQuota(1_000_000, null, 0, now)).toEqual({ allowed: true });
    expect(judgeDailyQuota(2, 1, 0, now)).toMatchObject({ allowed: false, quota: 1 });
  });
  it('counts on UTC days', () => {
    expect(utcDay(new Date('2026-12-04T23:59:59Z'))).toBe('2026-12-04');
    expect(utcDay(new Date('2026-12-05T00:00:00Z'))).toBe('2026-12-05');
  });
});
