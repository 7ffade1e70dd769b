import { HeraldError } from '@herald/contracts';
import { ApiKeyRing } from './api-key-ring';

describe('API key ring', () => {
  const ring = ApiKeyRing.parse('support:0123456789abcdef0123, ops:fedcba9876543210fedc');

  it.each([
    ['0123456789abcdef0123', 'support'],
    ['fedcba9876543210fedc', 'ops'],
    ['0123456789abcdef012', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j -> %s', (key, name) => {
    expect(ring.identify(key)).toBe(name);
  });

  it('accepts nothing when empty', () => {
    const empty = ApiKeyRing.parse('');
    expect(empty.size).toBe(0);
    expect(empty.identify('anything')).toBeUndefined();
  });

  it.each(['nokey', ':key', 'name:'])('rejects %j', (spec) => {
    expect(() => ApiKeyRing.parse(spec)).toThrow(HeraldError);
  });
});
