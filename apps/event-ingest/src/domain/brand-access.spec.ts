import { parseBrands } from '@herald/contracts';
import { checkKeyBrand, checkKnownBrand } from './brand-access';

const brands = parseBrands({
  version: 1,
  defaultBrand: 'herald',
  brands: {
    herald: { displayName: 'Herald', senders: [] },
    shop: { displayName: 'Shop', senders: [] },
    bank: { displayName: 'Bank', senders: [] },
  },
});

describe('brand access (issue 19)', () => {
  it('knows only configured brands', () => {
    expect(checkKnownBrand('shop', 'brand', brands)).toBeUndefined();
    expect(checkKnownBrand('x-anything', 'data.brand', brands)).toEqual({
      code: 'UNKNOWN_BRAND',
      field: 'data.brand',
      reason: '"x-anything" is not a configured brand',
    });
    expect(checkKnownBrand('*', 'brand', brands)?.code).toBe('UNKNOWN_BRAND');
    expect(checkKnownBrand('constructor', 'brand', brands)?.code).toBe('UNKNOWN_BRAND');
  });

  it.each([
    ['a listed brand', 'shop', ['shop'], undefined],
    ['a foreign brand', 'bank', ['shop'], 'BRAND_NOT_ALLOWED'],
    ['an unknown brand, even for a wildcard key', 'x-anything', ['*'], 'UNKNOWN_BRAND'],
    ['any configured brand for a wildcard key', 'bank', ['*'], undefined],
    ['the default brand for a key listing none', 'herald', [], undefined],
    ['another brand for a key listing none', 'shop', [], 'BRAND_NOT_ALLOWED'],
  ])('%s', (_case, brand, keyBrands, code) => {
    expect(checkKeyBrand(brand, 'brand', keyBrands, brands)?.code).toBe(code);
  });

  it('never echoes more than 64 characters of what the caller sent', () => {
    expect(checkKnownBrand('x'.repeat(500), 'brand', brands)?.reason.length).toBeLessThan(100);
  });
});
