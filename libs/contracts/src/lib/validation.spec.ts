import { CustomerDto } from './dto/common/customer.dto';
import { OrderPlacedV1 } from './dto/order-placed.v1';
import { HeraldError } from './errors';
import { Topics } from './topics';
import { parseTopicPayload, validateAs, validateTopicPayload } from './validation';

const order = {
  orderId: '10023',
  customer: { firstName: 'Amélie', phone: '+33 6 12 34 56 78', locale: 'fr-FR' },
  total: { amount: '49.90', currency: 'EUR' },
  items: [{ name: 'Théière fonte 1L', quantity: 1 }],
};

describe('validateAs', () => {
  it('returns a class instance with nested instances', () => {
    const result = validateAs(OrderPlacedV1, order);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value).toBeInstanceOf(OrderPlacedV1);
    expect(result.value.customer).toBeInstanceOf(CustomerDto);
    expect(result.value.items?.[0].quantity).toBe(1);
  });

  it('keeps unknown properties rather than rejecting or stripping them', () => {
    const result = validateAs(OrderPlacedV1, { ...order, channel: 'web' });
    expect(result.ok && Object.entries(result.value)).toContainEqual(['channel', 'web']);
  });

  it('accepts null for an optional field', () => {
    expect(validateAs(OrderPlacedV1, { ...order, trackingUrl: null }).ok).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', '{"orderId":"1"}'],
    ['an array', [order]],
    ['a number', 42],
  ])('rejects %s as a whole with field $', (_label, plain) => {
    expect(validateAs(OrderPlacedV1, plain)).toEqual({
      ok: false,
      errors: [{ field: '$', reason: 'must be a JSON object', constraint: 'isObject' }],
    });
  });

  it('reports one "is required" per missing field, with dotted paths', () => {
    const result = validateAs(OrderPlacedV1, { ...order, orderId: undefined, customer: { firstName: 'Amélie' } });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'orderId', reason: 'is required', constraint: 'isDefined' },
        { field: 'customer.phone', reason: 'is required', constraint: 'isDefined' },
      ],
    });
  });

  it('indexes array elements in the path and strips the property name from the reason', () => {
    const result = validateAs(OrderPlacedV1, {
      ...order,
      items: [
        { name: 'x', quantity: 1 },
        { name: 'y', quantity: 1.5 },
      ],
    });
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'items.1.quantity', reason: 'must be an integer number', constraint: 'isInt' },
    ]);
  });

  it('reports a non-object nested value once', () => {
    const result = validateAs(OrderPlacedV1, { ...order, customer: '+33612345678' });
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'customer', reason: 'must be an object', constraint: 'isObject' },
    ]);
  });
});

describe('validateTopicPayload', () => {
  it('uses the topic schema', () => {
    expect(validateTopicPayload(Topics.OrderPlaced, order).ok).toBe(true);
    expect(validateTopicPayload(Topics.OrderShipped, order).ok).toBe(false);
  });
});

describe('parseTopicPayload', () => {
  it('returns the typed payload', () => {
    expect(parseTopicPayload(Topics.OrderPlaced, order).total.amount).toBe('49.90');
  });

  it('throws a non-retriable CONTRACT_VIOLATION listing the field errors', () => {
    let caught: unknown;
    try {
      parseTopicPayload(Topics.OrderPlaced, { ...order, total: { amount: '49,90', currency: 'EUR' } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(HeraldError);
    const error = caught as HeraldError;
    expect(error.code).toBe('CONTRACT_VIOLATION');
    expect(error.retriable).toBe(false);
    expect(error.message).toBe('order.placed: total.amount must be a decimal string like "49.90"');
    expect(error.details).toEqual({
      topic: 'order.placed',
      errors: [{ field: 'total.amount', reason: 'must be a decimal string like "49.90"', constraint: 'matches' }],
    });
  });
});
