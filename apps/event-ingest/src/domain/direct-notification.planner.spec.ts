import { recipientTokenFor } from '@herald/contracts';
import { planDirectNotification, type DirectNotificationRequest } from './direct-notification.planner';
import type { PlanDeps } from './planned-notification';

const deps: PlanDeps = {
  tokenFor: (e) => recipientTokenFor('k'.repeat(32), e),
  defaults: { locale: 'en', brand: 'acme', region: 'GB' },
};
const event = { id: 'tx-1', source: 'herald/api/shop', type: 'notification.requested', time: '2025-03-01T10:00:00Z' };
const request = (extra: Partial<DirectNotificationRequest> = {}): DirectNotificationRequest => ({
  templateKey: 'auth.otp',
  category: 'otp',
  to: '+33612345678',
  variables: { purpose: 'login', otp: { ttl: 5 } },
  ...extra,
});

describe('planDirectNotification', () => {
  it.each([
    ['otp', 600, 'high'],
    ['security', 3600, 'high'],
    ['transactional', 86400, 'normal'],
    ['promotional', 86400, 'normal'],
  ] as const)('%s defaults to a TTL of %i s and %s priority', (category, ttl, priority) => {
    const plan = planDirectNotification(event, request({ category }), deps);
    expect(plan.ok && plan.notifications[0]).toMatchObject({ ttlSeconds: ttl, priority, locale: 'en', brand: 'acme' });
  });

  it('keeps secrets apart, removing a secret name from the variables', () => {
    const plan = planDirectNotification(
      event,
      request({ secretVariables: { otp: { code: '123456' } }, variables: { otp: { code: 'leak', ttl: 5 } } }),
      deps,
    );
    expect(plan.ok && plan.notifications[0]).toMatchObject({
      secrets: { otp: { code: '123456' } },
      secretVariables: ['otp.code'],
      variables: { otp: { ttl: 5 } },
    });
  });

  it('reads a national number with the locale region, then the default region', () => {
    const fr = planDirectNotification(event, request({ to: '06 12 34 56 78', locale: 'fr-FR' }), deps);
    const gb = planDirectNotification(event, request({ to: '07911 123456' }), deps);
    expect([fr.ok && fr.notifications[0].recipient.e164, gb.ok && gb.notifications[0].recipient.e164]).toEqual([
      '+33612345678',
      '+447911123456',
    ]);
  });

  it('reports a bad number on the field `to`', () => {
    expect(planDirectNotification(event, request({ to: '12' }), deps)).toMatchObject({
      ok: false,
      failure: { code: 'INVALID_PHONE', field: 'to' },
    });
  });

  it('honours an explicit TTL, brand and timezone', () => {
    const plan = planDirectNotification(
      event,
      request({ ttlSeconds: 120, brand: 'b', timezone: 'Europe/Paris' }),
      deps,
    );
    expect(plan.ok && plan.notifications[0]).toMatchObject({ ttlSeconds: 120, brand: 'b', timezone: 'Europe/Paris' });
  });
});
