import { cloneJson, getPath, leafPaths, omitPaths, pickPaths } from './dotted-path';

const data = { customer: { phone: '+33', name: 'A' }, otp: { code: '1', ttl: 5 }, items: [{ name: 'x' }], nil: null };

describe('dotted paths', () => {
  it.each<[string, unknown]>([
    ['customer.phone', '+33'],
    ['items.0.name', 'x'],
    ['customer.missing', undefined],
    ['nil.deeper', undefined],
    ['customer.phone.length', undefined],
    ['toString', undefined],
  ])('getPath %s', (path, expected) => {
    expect(getPath(data, path)).toEqual(expected);
  });

  it('omits paths from a copy, leaving the input as it was', () => {
    expect(omitPaths(data, ['customer.phone', 'otp.code', 'not.there', 'nil'])).toEqual({
      customer: { name: 'A' },
      otp: { ttl: 5 },
      items: [{ name: 'x' }],
    });
    expect(data.customer.phone).toBe('+33');
  });

  it('picks existing paths in their nested shape and says which were found', () => {
    expect(pickPaths(data, ['otp.code', 'customer.name', 'absent.path'])).toEqual({
      picked: { otp: { code: '1' }, customer: { name: 'A' } },
      found: ['otp.code', 'customer.name'],
    });
  });

  it('lists the dotted names of leaves', () => {
    expect(leafPaths({ otp: { code: '1', meta: { a: 1 } }, pin: 4, empty: {}, list: [1] })).toEqual([
      'otp.code',
      'otp.meta.a',
      'pin',
      'empty',
      'list',
    ]);
  });

  it('copies parsed JSON deeply, arrays and nulls included, sharing nothing with the input', () => {
    const input = JSON.parse('{"a":{"b":[1,{"c":null}],"d":"x"},"e":true}') as Record<string, unknown>;
    const copy = cloneJson(input);
    expect(copy).toEqual(input);
    expect((copy.a as Record<string, unknown>).b).not.toBe((input.a as Record<string, unknown>).b);
  });

  it('keeps a "__proto__" key of parsed JSON as data, not as the copy\'s prototype', () => {
    const copy = cloneJson(JSON.parse('{"__proto__":{"polluted":true},"x":1}') as Record<string, unknown>);
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"x":1}');
  });
});
