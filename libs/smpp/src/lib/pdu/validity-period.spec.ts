import { parseRelativeValidityPeriod, relativeValidityPeriod } from './validity-period';

describe('relative validity_period', () => {
  it.each([
    [600, '000000001000000R'],
    [59, '000000000059000R'],
    [86400 + 3661, '000001010101000R'],
    [0, '000000000000000R'],
    [-5, '000000000000000R'],
    [1e9, '000099235959000R'],
  ])('%i s -> %s', (ttl, expected) => {
    expect(relativeValidityPeriod(ttl)).toBe(expected);
    expect(expected).toHaveLength(16);
  });

  it('parses relative values back and ignores absolute ones', () => {
    expect(parseRelativeValidityPeriod('000001010101000R')).toBe(90061);
    expect(parseRelativeValidityPeriod('240101120000004+')).toBeUndefined();
  });
});
