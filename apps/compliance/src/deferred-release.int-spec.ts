import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics, type SmsApprovedV1, type SmsStatusV1 } from '@herald/contracts';
import { KafkaProbe, TEST_PII_KEYS, TEST_RECIPIENT_TOKEN_KEY, testEnv } from '@herald/testing';
import { managementUrl } from '@herald/service-kit';
import {
  ComplianceTestKit,
  forMessage,
  payloadOf,
  randomMobile,
  TopicTap,
  writeRules,
} from './spec-support/compliance-test-kit';

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** A UTC quiet window that started 10 min ago and ends on the next minute at least 20 s away. */
function windowEndingSoon(now: number): { start: string; end: string; endsAt: number } {
  let endsAt = Math.ceil(now / 60_000) * 60_000;
  if (endsAt - now < 20_000) endsAt += 60_000;
  return { start: hhmm(endsAt - 10 * 60_000), end: hhmm(endsAt), endsAt };
}

describe('deferred messages on the real broker and database', () => {
  const probe = new KafkaProbe();
  const kit = new ComplianceTestKit({
    probe,
    piiKeys: TEST_PII_KEYS,
    tokenKey: TEST_RECIPIENT_TOKEN_KEY,
    env: testEnv,
  });
  let app: INestApplication | undefined;
  let tap: TopicTap;

  beforeAll(async () => {
    tap = await kit.openTap([Topics.SmsStatusV1, Topics.SmsApprovedV1]);
  });

  afterAll(async () => {
    await app?.close();
    await tap.close();
    await probe.close();
  });

  it('releases a deferred message when quiet hours end, after the service was restarted in between', async () => {
    const window = windowEndingSoon(Date.now());
    const rulesFile = writeRules((r) => {
      r.quietHours = [
        {
          countries: ['*'],
          categories: ['transactional', 'promotional'],
          window: { start: window.start, end: window.end },
        },
      ];
    });
    const group = await kit.freshGroup();
    app = await kit.start(group, rulesFile);

    const m = kit.rendered(randomMobile(), { timezone: 'UTC' });
    const otp = kit.rendered(randomMobile(), {
      timezone: 'UTC',
      category: 'otp',
      templateKey: 'auth.otp',
      senderProfile: 'otp-default',
    });
    await kit.publishRendered(m);
    await kit.publishRendered(otp);

    const [deferred] = await tap.wait('deferred status', forMessage(Topics.SmsStatusV1, m.messageId), 1, 60_000);
    expect(payloadOf<SmsStatusV1>(deferred)).toMatchObject({
      status: 'deferred',
      reasonCode: 'QUIET_HOURS',
      reason: new Date(window.endsAt).toISOString(),
    });
    await tap.wait('otp approval during quiet hours', forMessage(Topics.SmsApprovedV1, otp.messageId));
    const rows = await app
      .get(DataSource)
      .query<Array<{ release_at: Date; payload: { bodyEnc: string } }>>(
        'SELECT release_at, payload FROM compliance.deferred_messages WHERE message_id = $1',
        [m.messageId],
      );
    expect(rows).toHaveLength(1);
    expect(rows[0].release_at.getTime()).toBe(window.endsAt);
    expect(rows[0].payload.bodyEnc).toBe(m.bodyEnc);

    await app.close();
    app = undefined;
    expect(Date.now()).toBeLessThan(window.endsAt);
    app = await kit.start(group, rulesFile);

    const [approvedRecord] = await tap.wait(
      'release after restart',
      forMessage(Topics.SmsApprovedV1, m.messageId),
      1,
      90_000,
    );
    const approved = payloadOf<SmsApprovedV1>(approvedRecord);
    expect(approvedRecord.key).toBe(m.recipient.token);
    expect(Date.parse(approved.approvedAt)).toBeGreaterThanOrEqual(window.endsAt);
    expect(approved).toMatchObject({ messageId: m.messageId, senderId: 'Herald', bodyEnc: m.bodyEnc });
    // Same trace id as the deferred status: the stored parent envelope carried it across the restart.
    expect(approvedRecord.headers.traceparent?.slice(3, 35)).toBe(deferred.headers.traceparent?.slice(3, 35));
    // Any running instance may release it (the queue is shared); this one at least reports the queue depth.
    expect(await (await fetch(`${managementUrl(app)}/metrics`)).text()).toMatch(
      /_deferred_queue_messages\{[^}]*\} \d+/,
    );
    const left = await app
      .get(DataSource)
      .query<unknown[]>('SELECT 1 FROM compliance.deferred_messages WHERE message_id = $1', [m.messageId]);
    expect(left).toHaveLength(0);
  });

  it('expires a message whose TTL ends before quiet hours do, instead of sending it late', async () => {
    const now = Date.now();
    const rulesFile = writeRules((r) => {
      r.quietHours = [
        {
          countries: ['*'],
          categories: ['transactional'],
          window: { start: hhmm(now - 60 * 60_000), end: hhmm(now + 60 * 60_000) },
        },
      ];
    });
    await app?.close();
    app = await kit.start(await kit.freshGroup(), rulesFile);
    const m = kit.rendered(randomMobile(), { timezone: 'UTC', expiresAt: new Date(now + 5 * 60_000).toISOString() });
    await kit.publishRendered(m);
    const [status] = await tap.wait('expired status', forMessage(Topics.SmsStatusV1, m.messageId), 1, 60_000);
    expect(payloadOf<SmsStatusV1>(status)).toMatchObject({ status: 'expired', reasonCode: 'QUIET_HOURS_EXPIRED' });
  });
});
