import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BrandRegistry, normalizeSender, parseBrands } from './brands';
import { HeraldError } from './errors';

const file = () => ({
  version: 1,
  defaultBrand: 'shop',
  brands: {
    shop: { displayName: 'Shop', senders: ['36111', '+12025550143', 'SHOP'] },
    bank: { displayName: 'Bank', senders: ['36111', '+12025550145'] },
  },
});

function reasonOf(raw: unknown): string {
  try {
    parseBrands(raw, 'brands.v1.json');
  } catch (e) {
    expect(e).toBeInstanceOf(HeraldError);
    expect((e as HeraldError).code).toBe('CONFIG_INVALID');
    return (e as HeraldError).message;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('parseBrands', () => {
  it('reads brands, display names and the default', () => {
    const brands = parseBrands(file());
    expect(brands).toBeInstanceOf(BrandRegistry);
    expect(brands.defaultBrand).toBe('shop');
    expect(brands.ids).toEqual(['shop', 'bank']);
    expect(brands.displayName('bank')).toBe('Bank');
    expect(brands.has('shop')).toBe(true);
    expect(brands.has('x-anything')).toBe(false);
    expect(brands.has('constructor')).toBe(false);
  });

  it('maps a shared short code to every brand that lists it, and a number in any spelling', () => {
    const brands = parseBrands(file());
    expect(brands.brandsForSender('36111')).toEqual(['shop', 'bank']);
    expect(brands.brandsForSender('12025550143')).toEqual(['shop']);
    expect(brands.brandsForSender('+1 202-555-0145')).toEqual(['bank']);
    expect(brands.brandsForSender('shop')).toEqual(['shop']);
    expect(brands.brandsForSender('99999')).toEqual([]);
    expect(normalizeSender('+1 (202) 555-0143')).toBe('12025550143');
  });

  it('refuses an unknown brand with UNKNOWN_BRAND', () => {
    expect(() => parseBrands(file()).displayName('x-anything')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_BRAND' }),
    );
  });

  it.each([
    ['not an object', [], 'must be a JSON object'],
    ['wrong version', { ...file(), version: 2 }, 'version must be 1'],
    ['unknown top key', { ...file(), extra: 1 }, 'extra is not a known key'],
    ['no brands', { ...file(), brands: {} }, 'brands must map at least one brand'],
    ['bad id', { ...file(), brands: { 'Shop!': { displayName: 'S', senders: [] } } }, 'brands.Shop!: the id must be'],
    ['wildcard id', { ...file(), brands: { '*': { displayName: 'S', senders: [] } } }, 'brands.*: the id must be'],
    ['no display name', { ...file(), brands: { shop: { senders: [] } } }, 'brands.shop.displayName must be 1-64'],
    [
      'bad sender',
      { ...file(), brands: { shop: { displayName: 'S', senders: ['not a sender id!'] } } },
      'brands.shop.senders must be',
    ],
    [
      'unknown brand key',
      { ...file(), brands: { shop: { displayName: 'S', senders: [], help: 'x' } } },
      'brands.shop.help is not a known key',
    ],
    ['default not a brand', { ...file(), defaultBrand: 'other' }, 'defaultBrand must be one of the brands'],
  ])('refuses %s', (_name, raw, reason) => {
    expect(reasonOf(raw)).toContain(`brands.v1.json: ${reason}`);
  });

  it('accepts the shipped config/brands.v1.json', () => {
    const shipped = JSON.parse(readFileSync(path.join(__dirname, '../../../../config/brands.v1.json'), 'utf8'));
    const brands = parseBrands(shipped);
    expect(brands.has(brands.defaultBrand)).toBe(true);
    // The shared transactional sender answers for every brand that sends through it.
    expect(brands.brandsForSender('+12025550143').sort()).toEqual([
      'acme-bank',
      'herald',
      'herald-demo',
      'maison-durand',
    ]);
  });
});
