import { validateEventData } from './event-data.validation';
import { rulesFor, type NotificationRules } from './notification-rules';

describe('validateEventData', () => {
  it('checks data against the DTO of the event type, with dotted field names', () => {
    const result = validateEventData('order.placed', {
      orderId: '1',
      customer: { phone: '' },
      total: { amount: '1.00', currency: 'eur' },
    });
    expect(result.ok ? [] : result.errors.map((e) => e.field).sort()).toEqual(['customer.phone', 'total.currency']);
    expect(validateEventData('customer.registered', { customer: { phone: '+33612345678' } }).ok).toBe(true);
    expect(validateEventData('customer.registered', [])).toMatchObject({ ok: false, errors: [{ field: '$' }] });
  });
});

describe('rulesFor', () => {
  it('tells a type without rules from a type with an empty list', () => {
    const rules: NotificationRules = { version: 1, events: new Map([['order.shipped', []]]) };
    expect([rulesFor(rules, 'order.shipped'), rulesFor(rules, 'order.placed')]).toEqual([[], undefined]);
  });
});
