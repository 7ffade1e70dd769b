import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DomainTopics, Topics, eventMessageIdFor, recipientTokenFor, validateTopicPayload } from '@herald/contracts';
import { planEventNotifications } from './event-notification.planner';
import type { NotificationRule } from './notification-rules';
import { parseNotificationRules } from './notification-rules.parser';
import type { PlanDeps, PlannedNotification, SourceEventRef } from './planned-notification';
import { judgeEventAge, DEFAULT_MAX_EVENT_AGE_SECONDS } from './event-age.policy';
import { buildSmsRequested } from './sms-request.builder';

const KEY = 'unit-test-recipient-token-key-0123456789';
const FIXTURES = path.resolve(__dirname, '../../../../libs/contracts/fixtures');
const rules = parseNotificationRules(
  JSON.parse(readFileSync(path.resolve(__dirname, '../../rules/notification-rules.v1.json'), 'utf8')),
  new Set(DomainTopics),
  'notification-rules.v1.json',
);
const deps: PlanDeps = {
  tokenFor: (e164) => recipientTokenFor(KEY, e164),
  defaults: { locale: 'en', brand: 'acme', region: undefined },
};
const event = (type: string): SourceEventRef => ({ id: 'evt-1', source: 'shop', type, time: '2025-03-01T10:00:00Z' });
const rulesOf = (type: string) => rules.events.get(type) as readonly NotificationRule[];
const now = new Date('2025-03-01T10:00:00.120Z');

function planned(type: string, data: Record<string, unknown>, planDeps = deps): PlannedNotification {
  const plan = planEventNotifications(event(type), data, rulesOf(type), planDeps);
  if (!plan.ok) throw new Error(`${plan.failure.field} ${plan.failure.reason}`);
  expect(plan.notifications).toHaveLength(1);
  return plan.notifications[0];
}

const fixtures = DomainTopics.flatMap((type) =>
  readdirSync(path.join(FIXTURES, type, 'valid')).map(
    (file) => [type, file, JSON.parse(readFileSync(path.join(FIXTURES, type, 'valid', file), 'utf8'))] as const,
  ),
);

describe('planEventNotifications with the shipped rules', () => {
  it.each(fixtures)('%s %s -> one valid sms.requested.v1, no phone in the variables', (type, _file, data) => {
    const n = planned(type, data);
    expect(n.templateKey).toBe(type);
    expect(n.recipient.e164).toMatch(/^\+\d{8,15}$/);
    expect(n.messageId).toBe(eventMessageIdFor('shop', 'evt-1', type, recipientTokenFor(KEY, n.recipient.e164)));
    expect(JSON.stringify(n.variables)).not.toContain(n.recipient.e164.slice(3));
    const build = {
      encrypt: (s: string) => `k1.${Buffer.from(s).toString('base64url')}`,
      now,
      service: 'event-ingest',
    };
    const request = buildSmsRequested(
      event(type),
      n,
      build,
      judgeEventAge(event(type).time, n.category, n.ttlSeconds, now, DEFAULT_MAX_EVENT_AGE_SECONDS).expiresAt,
    );
    const requestCheck = validateTopicPayload(Topics.SmsRequestedV1, JSON.parse(JSON.stringify(request)));
    expect(requestCheck.ok ? [] : requestCheck.errors).toEqual([]);
    expect(request.requestedAt).toBe(now.toISOString());
  });

  it('reads phone, locale, timezone and country from customer and keeps the rest as variables', () => {
    const data = {
      orderId: '10023',
      customer: {
        firstName: 'Amélie',
        phone: '06 12 34 56 78',
        locale: 'fr-FR',
        timezone: 'Europe/Paris',
        country: 'FR',
      },
    };
    const n = planned('order.placed', data);
    expect(n).toMatchObject({
      category: 'transactional',
      ttlSeconds: 86400,
      priority: 'normal',
      locale: 'fr-FR',
      timezone: 'Europe/Paris',
      brand: 'acme',
    });
    expect(n.recipient).toMatchObject({ e164: '+33612345678', country: 'FR' });
    expect(n.variables).toEqual({
      orderId: '10023',
      customer: { firstName: 'Amélie', locale: 'fr-FR', timezone: 'Europe/Paris', country: 'FR' },
    });
    expect(n.secrets).toBeUndefined();
    expect(data.customer.phone).toBe('06 12 34 56 78');
  });

  it.each([
    ['the OTP expiry when given', { code: '482913', expiresInSeconds: 300 }, 300],
    ['600 s without one', { code: '482913' }, 600],
  ])('OTP: secret code encrypted apart, high priority, TTL from %s', (_name, otp, ttl) => {
    const n = planned('auth.otp_requested', { customer: { phone: '+33612345678' }, otp });
    expect(n).toMatchObject({
      category: 'otp',
      priority: 'high',
      ttlSeconds: ttl,
      secrets: { otp: { code: '482913' } },
      secretVariables: ['otp.code'],
    });
    expect(JSON.stringify(n.variables)).not.toContain('482913');
    expect(n.locale).toBe('en');
  });

  it('security alerts are high priority for an hour; the welcome message takes the brand from the event', () => {
    expect(
      planned('account.security_alert', {
        customer: { phone: '+33612345678' },
        alert: { kind: 'x', occurredAt: '2025-01-01T00:00:00Z' },
      }),
    ).toMatchObject({
      category: 'security',
      priority: 'high',
      ttlSeconds: 3600,
    });
    expect(planned('customer.registered', { customer: { phone: '+33612345678' }, brand: 'maison-durand' }).brand).toBe(
      'maison-durand',
    );
    expect(planned('customer.registered', { customer: { phone: '+33612345678' } }).brand).toBe('acme');
  });

  it.each<[string, Record<string, unknown>, string | undefined, string]>([
    ['customer.country first', { phone: '06 12 34 56 78', country: 'FR', locale: 'de-DE' }, 'US', '+33612345678'],
    ['then the locale region', { phone: '06 12 34 56 78', locale: 'fr-FR' }, 'US', '+33612345678'],
    ['then INGEST_DEFAULT_REGION', { phone: '06 12 34 56 78', locale: 'fr' }, 'FR', '+33612345678'],
    ['an international number ignores the hints', { phone: '+44 7700 900123', country: 'FR' }, 'US', '+447700900123'],
  ])('reads a national number with %s', (_name, customer, region, e164) => {
    expect(
      planned('order.placed', { customer }, { ...deps, defaults: { ...deps.defaults, region } }).recipient.e164,
    ).toBe(e164);
  });

  it('drops a timezone this runtime does not know and an unusable locale', () => {
    const n = planned('order.placed', {
      customer: { phone: '+33612345678', timezone: 'Mars/Olympus', locale: 'fr_FR' },
    });
    expect(n.timezone).toBeUndefined();
    expect(n.locale).toBe('en');
  });

  it.each<[string, unknown, string, string]>([
    ['missing phone', undefined, 'MISSING_RECIPIENT', 'is required'],
    ['blank phone', '   ', 'MISSING_RECIPIENT', 'is required'],
    ['not a string', 33612345678, 'INVALID_PHONE', 'must be a string'],
    ['too short', '+33 12', 'INVALID_PHONE', 'too short'],
    ['letters', 'call me', 'INVALID_PHONE', 'not a phone number'],
    ['national without any region', '06 12 34 56 78', 'INVALID_PHONE', 'no region is known'],
    ['non-geographic', '+800 1234 5678', 'INVALID_PHONE', 'non-geographic'],
  ])('fails the event on a %s, naming the field but never the number', (_name, phone, code, reason) => {
    const plan = planEventNotifications(event('order.placed'), { customer: { phone } }, rulesOf('order.placed'), deps);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.failure).toMatchObject({ code, field: 'customer.phone' });
    expect(plan.failure.reason).toContain(reason);
    if (typeof phone === 'string' && phone.trim()) expect(plan.failure.reason).not.toContain(phone.trim());
  });

  it('produces zero notifications for a type whose rule list is empty, and several for several rules', () => {
    const base = rulesOf('order.placed')[0];
    expect(planEventNotifications(event('order.placed'), { customer: { phone: '+33612345678' } }, [], deps)).toEqual({
      ok: true,
      notifications: [],
    });
    const two = planEventNotifications(
      event('order.placed'),
      { customer: { phone: '+33612345678' } },
      [base, { ...base, templateKey: 'order.placed.copy' }],
      deps,
    );
    expect(two.ok && two.notifications.map((n) => n.templateKey)).toEqual(['order.placed', 'order.placed.copy']);
    expect(two.ok && new Set(two.notifications.map((n) => n.messageId)).size).toBe(2);
  });

  it('derives the message id from the source too: two producers reusing an event id do not collide (issue 19)', () => {
    const data = { customer: { phone: '+33612345678' } };
    const rule = rulesOf('order.placed');
    const shop = planEventNotifications(event('order.placed'), data, rule, deps);
    const other = planEventNotifications({ ...event('order.placed'), source: 'other-shop' }, data, rule, deps);
    expect(shop.ok && other.ok && shop.notifications[0].messageId).not.toBe(
      other.ok && other.notifications[0].messageId,
    );
  });
});
