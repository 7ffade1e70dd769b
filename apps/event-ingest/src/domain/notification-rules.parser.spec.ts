import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DomainTopics, HeraldError } from '@herald/contracts';
import { parseNotificationRules } from './notification-rules.parser';

const known = new Set<string>(DomainTopics);
const RULES_FILE = path.resolve(__dirname, '../../rules/notification-rules.v1.json');
const parse = (doc: unknown) => parseNotificationRules(doc, known, 'rules.json');
const rule = (extra: Record<string, unknown> = {}) => ({
  templateKey: 'order.placed',
  category: 'transactional',
  ttlSeconds: 60,
  ...extra,
});
const doc = (events: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  version: 1,
  defaults: { recipient: { phone: 'customer.phone', locale: 'customer.locale' } },
  events,
  ...extra,
});

describe('parseNotificationRules', () => {
  it('reads the shipped rules file: every domain event type, one notification named after it', () => {
    const rules = parse(JSON.parse(readFileSync(RULES_FILE, 'utf8')));
    expect(rules.version).toBe(1);
    expect([...rules.events.keys()].sort()).toEqual([...DomainTopics].sort());
    for (const [type, list] of rules.events) {
      expect(list.map((r) => r.templateKey)).toEqual([type]);
      expect(list[0].recipient).toEqual({
        phone: 'customer.phone',
        locale: 'customer.locale',
        timezone: 'customer.timezone',
        country: 'customer.country',
      });
    }
  });

  it.each([
    ['auth.otp_requested', 'otp', 600],
    ['account.security_alert', 'security', 3600],
    ['customer.registered', 'transactional', 86400],
    ['order.placed', 'transactional', 86400],
    ['payment.failed', 'transactional', 86400],
    ['booking.cancelled', 'transactional', 86400],
    ['appointment.reminder', 'transactional', 7200],
  ])('maps %s to %s with a TTL of %i s', (type, category, ttl) => {
    const [r] = parse(JSON.parse(readFileSync(RULES_FILE, 'utf8'))).events.get(type) ?? [];
    expect({ category: r.category, ttl: r.ttlSeconds }).toEqual({ category, ttl });
  });

  it('merges rule recipient paths over the defaults and keeps an empty list as a known type', () => {
    const rules = parse(
      doc({
        'order.placed': [rule({ recipient: { phone: 'buyer.mobile' }, secretPaths: ['a.b'] })],
        'order.shipped': [],
      }),
    );
    expect(rules.events.get('order.placed')?.[0]).toMatchObject({
      recipient: { phone: 'buyer.mobile', locale: 'customer.locale' },
      secretPaths: ['a.b'],
    });
    expect(rules.events.get('order.shipped')).toEqual([]);
    expect(rules.events.get('order.delivered')).toBeUndefined();
  });

  it.each([
    ['not an object', [], '$: must be a JSON object'],
    ['unsupported version', doc({}, { version: 2 }), 'version: must be one of 1 (got 2)'],
    ['missing version', { events: {} }, 'version: is required'],
    [
      'unknown root field',
      doc({}, { rulez: {} }),
      'rulez: unknown key (expected one of version, description, defaults, events)',
    ],
    ['events not an object', doc([] as unknown as Record<string, unknown>), 'events: must be a JSON object'],
    [
      'event type without contract',
      doc({ 'invoice.paid': [rule()] }),
      'events["invoice.paid"]: no contract for this event type (known: ',
    ],
    ['rules not a list', doc({ 'order.placed': rule() }), 'events["order.placed"]: must be an array of rules'],
    [
      'bad template key',
      doc({ 'order.placed': [rule({ templateKey: 'Order Placed' })] }),
      'events["order.placed"][0].templateKey: must match',
    ],
    [
      'bad category',
      doc({ 'order.placed': [rule({ category: 'marketing' })] }),
      'events["order.placed"][0].category: must be one of otp, security, transactional, promotional',
    ],
    [
      'ttl zero',
      doc({ 'order.placed': [rule({ ttlSeconds: 0 })] }),
      '[0].ttlSeconds: must be an integer from 1 to 604800',
    ],
    ['ttl over a week', doc({ 'order.placed': [rule({ ttlSeconds: 604801 })] }), '[0].ttlSeconds: must be an integer'],
    ['ttl as text', doc({ 'order.placed': [rule({ ttlSeconds: '60' })] }), '[0].ttlSeconds: must be an integer'],
    [
      'typo in a rule',
      doc({ 'order.placed': [rule({ ttl: 5 })] }),
      '[0].ttl: unknown key (expected one of templateKey, ',
    ],
    [
      'no phone path anywhere',
      { version: 1, events: { 'order.placed': [rule()] } },
      '[0].recipient.phone: is required (here or in defaults.recipient)',
    ],
    [
      'bad path',
      doc({ 'order.placed': [rule({ recipient: { phone: 'customer..phone' } })] }),
      '[0].recipient.phone: must be a dotted path',
    ],
    [
      'secret paths not a list',
      doc({ 'order.placed': [rule({ secretPaths: 'otp.code' })] }),
      '[0].secretPaths: must be an array',
    ],
    [
      'bad secret path',
      doc({ 'order.placed': [rule({ secretPaths: [''] })] }),
      '[0].secretPaths[0]: must be a dotted path',
    ],
    [
      'brand too long',
      doc({ 'order.placed': [rule({ brand: 'b'.repeat(65) })] }),
      '[0].brand: must be 1 to 64 characters',
    ],
    [
      'a system template (issue 19)',
      doc({ 'order.placed': [rule({ templateKey: 'system.help' })] }),
      '[0].templateKey: system.help: system.* templates are sent by Herald itself',
    ],
    ['same template twice', doc({ 'order.placed': [rule(), rule()] }), '[1].templateKey: order.placed appears twice'],
  ])('rejects %s with one CONFIG_INVALID line', (_name, input, message) => {
    let error: unknown;
    try {
      parse(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HeraldError);
    expect((error as HeraldError).code).toBe('CONFIG_INVALID');
    expect((error as HeraldError).message).toContain('invalid configuration: INGEST_RULES_FILE: rules.json: ');
    expect((error as HeraldError).message).toContain(message);
    expect((error as HeraldError).message).not.toContain('\n');
  });
});
