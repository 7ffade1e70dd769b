import { HeraldError } from '@herald/contracts';
import { checkVariables, declaredType } from './variable-check';

const declared = {
  name: { maxLength: 5, sample: 'Ann' },
  count: { maxLength: 3, sample: 600 },
  total: { maxLength: 16, sample: { amount: '1', currency: 'EUR' } },
  items: { maxLength: 100, sample: [{ name: 'a' }] },
  vip: { maxLength: 5, sample: true },
  'customer.firstName': { maxLength: 4, sample: 'Ann' },
};

function codeOf(context: Record<string, unknown>): string | undefined {
  try {
    checkVariables(declared, context, 't/en v1');
    return undefined;
  } catch (e) {
    return (e as HeraldError).code;
  }
}

describe('checkVariables', () => {
  it('reads the declared type from the sample', () => {
    expect([declaredType('x'), declaredType(1), declaredType(false), declaredType([]), declaredType({})]).toEqual([
      'text',
      'number',
      'boolean',
      'list',
      'object',
    ]);
  });

  it('accepts values of the declared type and length, and leaves absent ones to strict mode', () => {
    expect(
      codeOf({
        name: 'Amélie'.slice(0, 5),
        count: 600,
        total: { amount: '2', currency: 'USD' },
        items: [],
        vip: false,
        customer: { firstName: 'Jo' },
      }),
    ).toBeUndefined();
    expect(codeOf({})).toBeUndefined();
    expect(codeOf({ name: null })).toBeUndefined();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(codeOf({ name: '😀😀😀😀😀' })).toBeUndefined();
  });

  it.each([
    ['text over maxLength', { name: 'Amélie' }],
    ['nested text over maxLength', { customer: { firstName: 'Amélie' } }],
    ['number printed over maxLength', { count: 6000 }],
    ['text for a number', { count: '600' }],
    ['NaN for a number', { count: Number.NaN }],
    ['text for money', { total: '49.90' }],
    ['object for a list', { items: { 0: 'a' } }],
    ['text for a boolean', { vip: 'yes' }],
  ])('refuses %s with VARIABLE_INVALID', (_label, context) => {
    expect(codeOf(context)).toBe('VARIABLE_INVALID');
  });
});
