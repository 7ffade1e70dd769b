import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Injectable, type INestApplication } from '@nestjs/common';
import { HeraldError, Topics, dlqTopicOf, type SmsRequestedV1, type SmsStatusV1 } from '@herald/contracts';
import { KafkaProbe, TEST_PII_KEYS, deadLetterValue, uniqueId } from '@herald/testing';
import { BatchContext, OnTopic, type ConsumedMessage } from '../index';
import { startKafkaTestApp } from '../spec-support/kafka-test-app';
import { DlqHeader } from './publish/dlq-record';

const fixture = JSON.parse(
  readFileSync(
    path.resolve(__dirname, '../../../contracts/fixtures/sms.requested.v1/valid/fr-order-placed.json'),
    'utf8',
  ),
) as SmsRequestedV1;

/** Rejects every message whose template key it does not know, as templating does. */
@Injectable()
class RejectingHandler {
  @OnTopic(Topics.SmsRequestedV1)
  async handle(batch: ConsumedMessage<SmsRequestedV1>[], ctx: BatchContext): Promise<void> {
    for (const m of batch) ctx.fail(m, new HeraldError('UNKNOWN_TEMPLATE', `no template ${m.payload.templateKey}`));
  }
}

describe('libs/kafka engine: a dead-lettered pipeline message ends failed (real broker)', () => {
  const probe = new KafkaProbe();
  afterAll(() => probe.close());

  it('produces the DLQ copy and a failed sms.status.v1 keyed by message id for each one', async () => {
    const service = uniqueId('engine-dlq-status');
    await probe.pinGroupAtEnd(service, [Topics.SmsRequestedV1]);
    const app: INestApplication = await startKafkaTestApp(service, [RejectingHandler]);
    try {
      const statusFrom = await probe.endOffsets(Topics.SmsStatusV1);
      const dlqFrom = await probe.endOffsets(dlqTopicOf(Topics.SmsRequestedV1));
      const ids = Array.from({ length: 5 }, () => randomUUID());
      for (const messageId of ids) {
        await probe.publishEvent(
          Topics.SmsRequestedV1,
          { ...fixture, messageId, templateKey: 'no.such.template' },
          { key: fixture.recipient.token },
        );
      }
      const wanted = new Set<string>(ids);
      // A running templating may consume the same shared topic and answer with statuses of its own.
      const ours = (r: { key: string | null; value: string | null }) =>
        wanted.has(r.key ?? '') && (JSON.parse(r.value!) as SmsStatusV1).service === service;
      const statuses = await probe.collect(Topics.SmsStatusV1, ours, ids.length, 60000, statusFrom);
      for (const r of statuses) {
        const s = JSON.parse(r.value!) as SmsStatusV1;
        expect(s).toEqual(
          expect.objectContaining({ messageId: r.key, status: 'failed', reasonCode: 'UNKNOWN_TEMPLATE', service }),
        );
        expect(s.meta).toEqual(
          expect.objectContaining({
            sourceEventId: fixture.sourceEvent.id,
            templateKey: 'no.such.template',
            acceptedAt: fixture.requestedAt,
          }),
        );
      }
      expect(new Set(statuses.map((r) => r.key))).toEqual(wanted);
      const dlq = await probe.collect(
        dlqTopicOf(Topics.SmsRequestedV1),
        (r) => r.headers[DlqHeader.service] === service,
        ids.length,
        30000,
        dlqFrom,
      );
      expect(new Set(dlq.map((r) => (JSON.parse(deadLetterValue(r)!) as SmsRequestedV1).messageId))).toEqual(wanted);
      for (const r of dlq) {
        expect(r.headers[DlqHeader.enc]).toBe(`aes-256-gcm:${TEST_PII_KEYS.split(':')[0]}`);
        expect(r.value).not.toContain((JSON.parse(deadLetterValue(r)!) as SmsRequestedV1).messageId);
      }
    } finally {
      await app.close();
    }
  }, 90000);
});
