import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CeHeader,
  dlqTopicOf,
  newTraceparent,
  TRACEPARENT_HEADER,
  Topics,
  type SmsRenderedV1,
  type SmsStatusV1,
} from '@herald/contracts';
import { DlqHeader, replayDlq, sealDeadLetter } from '@herald/kafka';
import { PiiCipher } from '@herald/pii';
import { KafkaProbe, TEST_PII_KEYS, TEST_RECIPIENT_TOKEN_KEY, testEnv } from '@herald/testing';
import { DeferredMessageRepository } from './adapters/deferred-message.repository';
import {
  ComplianceTestKit,
  forMessage,
  payloadOf,
  randomMobile,
  TopicTap,
  writeRules,
} from './spec-support/compliance-test-kit';

// Issue 19: every way a message reaches compliance, and none reaches an opted-out recipient.
// Each path is the record shape that path produces on sms.rendered.v1 (the source event ingest or
// receipts gives it, the brand it resolves); the deferred release and the DLQ replay go through the
// real scheduler and the real `herald dlq replay` code.
const rulesFile = writeRules((r) => {
  r.quietHours = [];
  r.frequencyCaps = [];
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('no path in reaches an opted-out recipient', () => {
  const probe = new KafkaProbe();
  const kit = new ComplianceTestKit({
    probe,
    piiKeys: TEST_PII_KEYS,
    tokenKey: TEST_RECIPIENT_TOKEN_KEY,
    env: testEnv,
  });
  let app: INestApplication;
  let tap: TopicTap;
  const stopped = randomMobile(); // texted STOP to Maison Durand's short code
  const stoppedAll = randomMobile(); // texted STOPALL
  const stopAt = new Date(Date.now() - 60_000).toISOString();
  const source = (type: string, src: string) => ({
    id: kit.eventId(),
    type,
    source: src,
    time: new Date().toISOString(),
  });

  const statusOf = async (messageId: string) =>
    payloadOf<SmsStatusV1>(
      (await tap.wait(`status of ${messageId}`, forMessage(Topics.SmsStatusV1, messageId), 1, 60_000))[0],
    );
  const expectSuppressed = async (m: SmsRenderedV1) => {
    expect(await statusOf(m.messageId)).toMatchObject({ status: 'suppressed', reasonCode: 'OPTED_OUT' });
    expect(tap.records.some(forMessage(Topics.SmsApprovedV1, m.messageId))).toBe(false);
  };

  beforeAll(async () => {
    const group = await kit.freshGroup();
    tap = await kit.openTap([Topics.SmsStatusV1, Topics.SmsApprovedV1]);
    app = await kit.start(group, rulesFile);
    // What receipts publishes for those two MOs (apps/receipts inbound-reply.ts).
    await kit.publishOptout(kit.optout(stopped, { brand: 'maison-durand', keyword: 'STOP', at: stopAt }));
    await kit.publishOptout(kit.optout(stoppedAll, { brand: '*', keyword: 'STOPALL', at: stopAt }));
    const warm = kit.rendered(randomMobile());
    await kit.publishRendered(warm);
    await tap.wait('warm-up approval', forMessage(Topics.SmsApprovedV1, warm.messageId), 1, 60_000);
    await sleep(500);
  });

  afterAll(async () => {
    await app?.close();
    await tap?.close();
    await probe.close();
  });

  const paths: Array<[string, (phone: string) => Partial<SmsRenderedV1>]> = [
    [
      'a Kafka domain topic (order.placed, brand from the rules)',
      () => ({ templateKey: 'order.placed', sourceEvent: source('order.placed', 'shop-backend') }),
    ],
    [
      'POST /v1/events (customer.registered, brand from data.brand)',
      () => ({ templateKey: 'customer.registered', sourceEvent: source('customer.registered', 'test/http-shop') }),
    ],
    [
      'POST /v1/notifications (the caller names the template)',
      () => ({
        templateKey: 'customer.registered',
        category: 'promotional',
        sourceEvent: source('notification.requested', 'herald/api/shop'),
      }),
    ],
    [
      'a system template requested by a caller',
      () => ({
        templateKey: 'system.stop_confirmation',
        sourceEvent: source('notification.requested', 'herald/api/shop'),
      }),
    ],
    [
      'a HELP reply from receipts',
      () => ({ templateKey: 'system.help', sourceEvent: source('carrier.inbound', 'herald/receipts') }),
    ],
  ];

  it.each(paths)('%s: suppressed for a STOP to the brand', async (_path, shape) => {
    const m = kit.rendered(stopped, { brand: 'maison-durand', ...shape(stopped) });
    await kit.publishRendered(m);
    await expectSuppressed(m);
  });

  it.each(paths)('%s: suppressed for a STOPALL, for a brand with no record of its own', async (_path, shape) => {
    const m = kit.rendered(stoppedAll, { brand: 'acme-bank', ...shape(stoppedAll) });
    await kit.publishRendered(m);
    await expectSuppressed(m);
  });

  it('deferred release: a message deferred before the STOP is suppressed when released', async () => {
    const m = kit.rendered(stopped, {
      templateKey: 'order.shipped',
      sourceEvent: source('order.shipped', 'shop-backend'),
    });
    // As the rendered handler stored it when quiet hours deferred it, due now.
    const parent = {
      attributes: {
        id: m.messageId,
        type: Topics.SmsRenderedV1,
        source: 'test/shop',
        time: new Date().toISOString(),
        specversion: '1.0' as const,
        traceparent: newTraceparent(),
      },
      headers: {},
    };
    await app
      .get(DeferredMessageRepository)
      .insert(app.get(DataSource), [{ message: m, parent, releaseAt: new Date().toISOString() }]);
    await expectSuppressed(m);
  });

  it('DLQ replay: a dead-lettered rendered message replayed after the STOP is suppressed', async () => {
    const m = kit.rendered(stopped, {
      templateKey: 'order.placed',
      sourceEvent: source('order.placed', 'shop-backend'),
    });
    const producer = probe.client.producer();
    await producer.connect();
    const [meta] = await producer.send({
      topic: dlqTopicOf(Topics.SmsRenderedV1),
      acks: -1,
      // As the engine's publisher writes it: the value encrypted under the PII key.
      messages: [
        sealDeadLetter(
          {
            key: m.recipient.token,
            value: JSON.stringify(m),
            headers: {
              [CeHeader.id]: m.messageId,
              [CeHeader.type]: Topics.SmsRenderedV1,
              [CeHeader.source]: 'test/shop',
              [CeHeader.time]: new Date().toISOString(),
              [CeHeader.specversion]: '1.0',
              [TRACEPARENT_HEADER]: newTraceparent(),
              'content-type': 'application/json',
              [DlqHeader.topic]: Topics.SmsRenderedV1,
              [DlqHeader.code]: 'DB_UNAVAILABLE',
            },
          },
          PiiCipher.fromSpec(TEST_PII_KEYS),
        ),
      ],
    });
    await producer.disconnect();
    const replayed = await replayDlq(
      probe.client,
      { dlqTopic: dlqTopicOf(Topics.SmsRenderedV1), offsets: [`${meta.partition}:${meta.baseOffset}`] },
      PiiCipher.fromSpec(TEST_PII_KEYS),
    );
    expect(replayed.replayed).toBe(1);
    await expectSuppressed(m);
  });

  it('the one exemption: the STOP confirmation receipts sends for that STOP still goes out', async () => {
    const m = kit.rendered(stopped, {
      templateKey: 'system.stop_confirmation',
      sourceEvent: { id: kit.eventId(), type: 'carrier.inbound', source: 'herald/receipts', time: stopAt },
    });
    await kit.publishRendered(m);
    await tap.wait('approval of the confirmation', forMessage(Topics.SmsApprovedV1, m.messageId), 1, 60_000);
  });
});
