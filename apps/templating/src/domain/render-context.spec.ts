import { buildRenderContext, deepMerge, getPath, setPath } from './render-context';

describe('buildRenderContext', () => {
  it('deep-merges the decrypted secrets into the event data and adds the brand', () => {
    const context = buildRenderContext({
      variables: { customer: { firstName: 'Amélie' }, otp: { expiresInSeconds: 600 } },
      secrets: { otp: { code: '123456' } },
      brand: 'Acme',
    });
    expect(context).toEqual({
      brand: 'Acme',
      customer: { firstName: 'Amélie' },
      otp: { expiresInSeconds: 600, code: '123456' },
    });
  });

  it('prints the configured brand, never a variable or secret named brand (issue 19)', () => {
    expect(buildRenderContext({ variables: { brand: 'Your bank: call 0800' }, brand: 'Maison Durand' }).brand).toBe(
      'Maison Durand',
    );
    expect(buildRenderContext({ variables: {}, secrets: { brand: 'x-anything' }, brand: 'Maison Durand' }).brand).toBe(
      'Maison Durand',
    );
  });

  it('lets secrets win over a clear value of the same name', () => {
    expect(
      buildRenderContext({ variables: { otp: { code: 'xxx' } }, secrets: { otp: { code: '987654' } }, brand: 'b' }),
    ).toMatchObject({
      otp: { code: '987654' },
    });
  });
});

describe('deepMerge', () => {
  it.each([
    [{ a: 1 }, { b: 2 }, { a: 1, b: 2 }],
    [{ a: { x: 1 } }, { a: { y: 2 } }, { a: { x: 1, y: 2 } }],
    [{ a: [1, 2] }, { a: [3] }, { a: [3] }],
    [{ a: { x: 1 } }, { a: 'flat' }, { a: 'flat' }],
  ])('%j + %j = %j', (base, overlay, expected) => {
    expect(deepMerge(base, overlay)).toEqual(expected);
  });

  it('ignores prototype-polluting keys', () => {
    const merged = deepMerge({}, JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
    expect(merged).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('setPath / getPath', () => {
  it('builds nested objects from dotted names and reads them back', () => {
    const ctx = setPath(setPath({}, 'customer.firstName', 'Ann'), 'customer.id', 'c-1');
    expect(ctx).toEqual({ customer: { firstName: 'Ann', id: 'c-1' } });
    expect(getPath(ctx, 'customer.firstName')).toBe('Ann');
    expect(getPath(ctx, 'customer.lastName')).toBeUndefined();
    expect(getPath(ctx, 'customer.firstName.length')).toBeUndefined();
    expect(setPath({}, '__proto__.x', 1)).toEqual({});
  });
});
