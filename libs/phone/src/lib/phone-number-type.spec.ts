import { isMobileCapable, type PhoneNumberType } from './phone-number-type';

describe('isMobileCapable', () => {
  it.each<[PhoneNumberType, boolean]>([
    ['MOBILE', true],
    ['FIXED_LINE_OR_MOBILE', true],
    ['FIXED_LINE', false],
    ['VOIP', false],
    ['TOLL_FREE', false],
    ['PREMIUM_RATE', false],
    ['PAGER', false],
    ['UNKNOWN', false],
  ])('%s -> %s', (type, expected) => {
    expect(isMobileCapable(type)).toBe(expected);
  });
});
