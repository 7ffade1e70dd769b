import { HeraldError } from '@herald/contracts';
import { StaticKeyRing } from './static-key-ring';

describe('StaticKeyRing', () => {
  const ring = StaticKeyRing.parse('support:0123456789abcdef0123, ops:fedcba9876543210fedc', 'RECEIPTS_API_KEYS', [
    'messages:read',
  ]);

  it.each([
    ['0123456789abcdef0123', 'support'],
    ['fedcba9876543210fedc', 'ops'],
    ['0123456789abcdef012', undefined],
    ['', undefined],
  ])('%j -> %s', (key, name) => {
    expect(ring.find(key)?.name).toBe(name);
  });

  it('gives every key the ring scopes', () => {
    expect(ring.find('fedcba9876543210fedc')).toEqual({ name: 'ops', scopes: ['messages:read'] });
  });

  it('accepts nothing when empty', () => {
    const empty = StaticKeyRing.parse('', 'RECEIPTS_API_KEYS');
    expect(empty.size).toBe(0);
    expect(empty.find('anything')).toBeUndefined();
  });

  it.each(['nokey', ':key', 'name:'])('rejects %j, naming the setting', (spec) => {
    expect(() => StaticKeyRing.parse(spec, 'RECEIPTS_API_KEYS')).toThrow(HeraldError);
    expect(() => StaticKeyRing.parse(spec, 'RECEIPTS_API_KEYS')).toThrow('RECEIPTS_API_KEYS entries must be name:key');
  });
});
