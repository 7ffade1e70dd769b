import { validateTopicPayload, Topics } from '@herald/contracts';
import { approvedPayload, statusPayload } from './compliance-outputs';
import { renderedMessage } from './compliance.fixtures';
import { suppress } from './decision';

const now = new Date('2026-03-30T10:00:00.000Z');

describe('compliance outputs', () => {
  it('approves the rendered payload unchanged plus sender, entity id and time, valid against sms.approved.v1', () => {
    const m = renderedMessage({ registeredTemplateId: '1107161234567890123' });
    const approved = approvedPayload(
      m,
      { outcome: 'approved', senderId: 'ACMEBK', entityId: '1101234567890123456' },
      now,
    );
    expect(approved).toEqual({
      ...m,
      senderId: 'ACMEBK',
      entityId: '1101234567890123456',
      approvedAt: '2026-03-30T10:00:00.000Z',
    });
    expect(validateTopicPayload(Topics.SmsApprovedV1, JSON.parse(JSON.stringify(approved))).ok).toBe(true);
    expect('entityId' in approvedPayload(m, { outcome: 'approved', senderId: 'Herald' }, now)).toBe(false);
  });

  it.each([
    [
      suppress('OPTED_OUT', 'recipient opted out'),
      { status: 'suppressed', reasonCode: 'OPTED_OUT', reason: 'recipient opted out' },
    ],
    [
      { outcome: 'deferred' as const, releaseAt: '2026-03-31T06:00:00.000Z', timezone: 'Europe/Paris' },
      { status: 'deferred', reasonCode: 'QUIET_HOURS', reason: '2026-03-31T06:00:00.000Z' },
    ],
    [
      { outcome: 'expired' as const, reasonCode: 'TTL_EXPIRED' as const, reason: 'too late' },
      { status: 'expired', reasonCode: 'TTL_EXPIRED', reason: 'too late' },
    ],
  ])('reports %j on sms.status.v1', (decision, expected) => {
    const status = statusPayload(renderedMessage(), decision, now, 'compliance');
    expect(status).toMatchObject({
      ...expected,
      messageId: renderedMessage().messageId,
      service: 'compliance',
      at: now.toISOString(),
    });
    expect(status.meta).toMatchObject({
      sourceEventType: 'order.placed',
      templateKey: 'order_placed',
      country: 'FR',
      category: 'transactional',
      acceptedAt: renderedMessage().requestedAt,
    });
    const check = validateTopicPayload(Topics.SmsStatusV1, JSON.parse(JSON.stringify(status)));
    expect(check.ok ? [] : check.errors).toEqual([]);
  });
});
