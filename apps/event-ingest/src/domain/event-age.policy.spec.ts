import { validateTopicPayload, Topics } from '@herald/contracts';
import { DEFAULT_MAX_EVENT_AGE_SECONDS, TOO_OLD, judgeEventAge, type MaxEventAge } from './event-age.policy';
import type { PlannedNotification, SourceEventRef } from './planned-notification';
import { buildTooOldStatus } from './too-old-status.builder';

const now = new Date('2026-03-01T10:00:00.000Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
const limits: MaxEventAge = DEFAULT_MAX_EVENT_AGE_SECONDS;

describe('judgeEventAge', () => {
  it('counts an OTP from the event time: 4 minutes old leaves 6 of its 10', () => {
    expect(judgeEventAge(ago(240), 'otp', 600, now, limits)).toEqual({
      fresh: true,
      expiresAt: new Date(now.getTime() + 360_000),
    });
  });

  it('ends an OTP published an hour ago as too old, naming the limit', () => {
    const age = judgeEventAge(ago(3600), 'otp', 600, now, limits);
    expect(age).toEqual({
      fresh: false,
      expiresAt: new Date(now.getTime() - 3_000_000),
      reason: expect.stringContaining('3600 s old at ingest, past its TTL of 600 s'),
    });
  });

  it('caps a long TTL at the category maximum age', () => {
    const age = judgeEventAge(ago(2 * 3600), 'security', 86400, now, limits);
    expect(age).toMatchObject({
      fresh: false,
      reason: expect.stringContaining('maximum security event age of 3600 s'),
    });
    expect(judgeEventAge(ago(60), 'security', 86400, now, limits).expiresAt).toEqual(
      new Date(now.getTime() + 3540_000),
    );
  });

  it('keeps a TTL shorter than the maximum age', () => {
    expect(judgeEventAge(ago(0), 'transactional', 7200, now, limits).expiresAt).toEqual(
      new Date(now.getTime() + 7200_000),
    );
  });

  it('gives a producer clock in the future no extra life: its time counts as now', () => {
    const future = new Date(now.getTime() + 3600_000).toISOString();
    expect(judgeEventAge(future, 'otp', 600, now, limits)).toEqual({
      fresh: true,
      expiresAt: new Date(now.getTime() + 600_000),
    });
  });

  it('is expired exactly at the limit, fresh one millisecond before', () => {
    expect(judgeEventAge(ago(600), 'otp', 600, now, limits).fresh).toBe(false);
    expect(judgeEventAge(new Date(now.getTime() - 599_999).toISOString(), 'otp', 600, now, limits).fresh).toBe(true);
  });

  it('reads configured limits, not the defaults', () => {
    const strict: MaxEventAge = { ...limits, promotional: 60 };
    expect(judgeEventAge(ago(120), 'promotional', 86400, now, strict).fresh).toBe(false);
    expect(judgeEventAge(ago(120), 'promotional', 86400, now, limits).fresh).toBe(true);
  });

  it('treats an unreadable time as now rather than failing the event', () => {
    expect(judgeEventAge('not a time', 'otp', 600, now, limits)).toEqual({
      fresh: true,
      expiresAt: new Date(now.getTime() + 600_000),
    });
  });
});

describe('buildTooOldStatus', () => {
  const event: SourceEventRef = { id: 'evt-1', source: 'shop', type: 'auth.otp_requested', time: ago(3600) };
  const n = {
    messageId: '3f1c2b8e-5d1a-5b7e-9c1d-2a4b6c8d0e1f',
    templateKey: 'auth.otp_requested',
    category: 'otp',
    recipient: { e164: '+33612345678', country: 'FR', token: 'a'.repeat(64) },
    locale: 'fr-FR',
    variables: {},
    brand: 'herald',
    ttlSeconds: 600,
    priority: 'high',
  } as PlannedNotification;

  it('is a valid final expired status with reason TOO_OLD and no phone number', () => {
    const age = judgeEventAge(event.time, 'otp', 600, now, limits);
    if (age.fresh) throw new Error('expected stale');
    const status = buildTooOldStatus(event, n, age.reason, { now, service: 'event-ingest' });
    expect(status).toMatchObject({
      messageId: n.messageId,
      status: 'expired',
      reasonCode: TOO_OLD,
      service: 'event-ingest',
      at: now.toISOString(),
    });
    expect(status.meta).toMatchObject({
      sourceEventId: 'evt-1',
      category: 'otp',
      country: 'FR',
      recipientToken: n.recipient.token,
    });
    const check = validateTopicPayload(Topics.SmsStatusV1, JSON.parse(JSON.stringify(status)));
    expect(check.ok ? [] : check.errors).toEqual([]);
    expect(JSON.stringify(status)).not.toContain('612345678');
  });

  it('clips a long reason to the contract limit', () => {
    const status = buildTooOldStatus(event, n, 'x'.repeat(900), { now, service: 'event-ingest' });
    expect(status.reason).toHaveLength(500);
  });
});
