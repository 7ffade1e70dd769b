import { HeraldError } from '@herald/contracts';
import { hashApiKey, parseApiKeySeeds } from './api-key';

const KEY = 'k'.repeat(16);

describe('parseApiKeySeeds', () => {
  it('reads name, scopes (which contain colons) and key', () => {
    expect(parseApiKeySeeds(` shop:events:write|notifications:write:${KEY}a , ops:admin:${KEY}b`)).toEqual([
      { name: 'shop', scopes: ['events:write', 'notifications:write'], brands: [], plaintext: `${KEY}a` },
      { name: 'ops', scopes: ['admin'], brands: [], plaintext: `${KEY}b` },
    ]);
    expect(parseApiKeySeeds('')).toEqual([]);
  });

  it('reads the brands a key may send for after its name (issue 19)', () => {
    const known = (id: string) => ['shop', 'bank'].includes(id);
    expect(
      parseApiKeySeeds(`shop@shop|bank:events:write:${KEY}a,ops@*:admin:${KEY}b`, known).map((s) => [s.name, s.brands]),
    ).toEqual([
      ['shop', ['shop', 'bank']],
      ['ops', ['*']],
    ]);
    expect(() => parseApiKeySeeds(`shop@x-anything:events:write:${KEY}`, known)).toThrow(
      'brand x-anything is not a brand of HERALD_BRANDS_FILE',
    );
    expect(() => parseApiKeySeeds(`shop@:events:write:${KEY}`, known)).toThrow('is not a brand of HERALD_BRANDS_FILE');
  });

  it.each([
    ['no separators', 'shop', 'must be name:scope1|scope2:key'],
    ['no scope', `shop::${KEY}`, 'at least one scope is required'],
    ['an unknown scope', `shop:events:read:${KEY}`, 'unknown scope events:read'],
    ['a short key', 'shop:admin:short', 'key must be at least 16 characters'],
    ['a bad name', `sh op:admin:${KEY}`, 'name must match'],
    ['a name twice', `a:admin:${KEY}1,a:admin:${KEY}2`, 'name a appears twice'],
    ['a key twice', `a:admin:${KEY},b:admin:${KEY}`, 'the same key is given twice'],
  ])('rejects %s without echoing the key', (_name, spec, message) => {
    let error: unknown;
    try {
      parseApiKeySeeds(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HeraldError);
    expect((error as HeraldError).code).toBe('CONFIG_INVALID');
    expect((error as HeraldError).message).toContain(message);
    expect((error as HeraldError).message).not.toContain(KEY);
  });

  it('stores keys as lowercase SHA-256 hex', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
