import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Injectable, type INestApplication } from '@nestjs/common';
import { Topics, dlqTopicOf, uuidv5, HERALD_NAMESPACE, type OrderPlacedV1, type SmsStatusV1 } from '@herald/contracts';
import { KafkaProbe, deadLetterValue, testEnv, uniqueId, waitFor } from '@herald/testing';
import { BatchContext, OnTopic, type ConsumedMessage } from '../index';
import { startKafkaTestApp } from '../spec-support/kafka-test-app';
import { DlqHeader } from './publish/dlq-record';

const root = path.resolve(__dirname, '../../../..');
const order = (orderId: string): OrderPlacedV1 =>
  ({
    orderId,
    customer: { id: 'c-1', firstName: 'Amélie', phone: '+33 6 12 34 56 78', locale: 'fr-FR' },
    total: { amount: '49.90', currency: 'EUR' },
  }) as OrderPlacedV1;

@Injectable()
class EchoHandler {
  @OnTopic(Topics.OrderPlaced)
  async handle(batch: ConsumedMessage<OrderPlacedV1>[], ctx: BatchContext): Promise<void> {
    for (const m of batch) {
      ctx.publish(Topics.SmsStatusV1, statusFor(m.attributes.id), { key: m.attributes.id, parent: m });
    }
  }
}

function statusFor(eventId: string): SmsStatusV1 {
  return {
    messageId: uuidv5(eventId, HERALD_NAMESPACE),
    status: 'accepted',
    service: 'engine-test',
    at: new Date().toISOString(),
    meta: {
      sourceEventId: eventId,
      sourceEventType: 'order.placed',
      templateKey: 'order_placed',
      locale: 'en',
      category: 'transactional',
      country: 'FR',
      recipientToken: 'a'.repeat(64),
    },
  } as SmsStatusV1;
}

async function startEcho(service: string, probe: KafkaProbe): Promise<INestApplication> {
  await probe.pinGroupAtEnd(service, [Topics.OrderPlaced]);
  return startKafkaTestApp(service, [EchoHandler], { lagIntervalMs: 500 });
}

const statusOf = (eventIds: Set<string>) => (r: { value: string | null }) => {
  const id = r.value ? (JSON.parse(r.value) as SmsStatusV1).meta.sourceEventId : '';
  return eventIds.has(id);
};

describe('libs/kafka engine on the real broker', () => {
  const probe = new KafkaProbe();
  afterAll(() => probe.close());

  it('sends poison records to the DLQ with the reason and keeps processing the valid ones around them', async () => {
    const service = uniqueId('engine-poison');
    const app = await startEcho(service, probe);
    try {
      const before = [uniqueId('ev'), uniqueId('ev')];
      const after = [uniqueId('ev'), uniqueId('ev')];
      const marker = uniqueId('poison');
      const statusFrom = await probe.endOffsets(Topics.SmsStatusV1);
      const dlqFrom = await probe.endOffsets(dlqTopicOf(Topics.OrderPlaced));
      for (const id of before) await probe.publishEvent(Topics.OrderPlaced, order(id), { id, key: marker });
      await probe.produceRaw(Topics.OrderPlaced, [
        { key: marker, value: '{not json', headers: { ce_id: `${marker}-1`, ce_source: 't', ce_type: 'order.placed' } },
        {
          key: marker,
          value: JSON.stringify({ orderId: 7 }),
          headers: { ce_id: `${marker}-2`, ce_source: 't', ce_type: 'order.placed' },
        },
        { key: marker, value: JSON.stringify(order('x')) },
        { key: marker, value: Buffer.alloc(2 * 1024 * 1024, 'a'), headers: { ce_id: `${marker}-4`, ce_source: 't' } },
      ]);
      for (const id of after) await probe.publishEvent(Topics.OrderPlaced, order(id), { id, key: marker });

      const outputs = await probe.collect(
        Topics.SmsStatusV1,
        statusOf(new Set([...before, ...after])),
        4,
        60000,
        statusFrom,
      );
      expect(outputs).toHaveLength(4);
      const dlq = await probe.collect(
        dlqTopicOf(Topics.OrderPlaced),
        (r) => r.key === marker && r.headers[DlqHeader.service] === service,
        4,
        60000,
        dlqFrom,
      );
      const codes = dlq.map((r) => r.headers[DlqHeader.code]).sort();
      expect(codes).toEqual(['CONTRACT_VIOLATION', 'ENVELOPE_INVALID', 'PAYLOAD_TOO_LARGE', 'UNDECODABLE_RECORD']);
      for (const r of dlq) {
        expect(r.headers[DlqHeader.topic]).toBe(Topics.OrderPlaced);
        expect(r.headers[DlqHeader.offset]).toMatch(/^\d+$/);
        expect(r.headers[DlqHeader.partition]).toMatch(/^\d+$/);
        expect(r.headers[DlqHeader.message]).toBeTruthy();
        expect(Date.parse(r.headers[DlqHeader.failedAt])).not.toBeNaN();
      }
      const contract = dlq.find((r) => r.headers[DlqHeader.code] === 'CONTRACT_VIOLATION');
      expect(contract?.value).not.toContain('orderId');
      expect(deadLetterValue(contract!)).toBe(JSON.stringify({ orderId: 7 }));
      expect(contract?.headers[DlqHeader.message]).toMatch(/orderId/);
    } finally {
      await app.close();
    }
  });

  it('loses nothing when the consumer is killed with SIGKILL mid-batch and restarted', async () => {
    const service = uniqueId('engine-kill');
    const ids = Array.from({ length: 1500 }, (_, i) => `${service}-${i}`);
    const spawnWorker = (): ChildProcess =>
      spawn(
        process.execPath,
        [
          '-r',
          path.join(root, 'tools/runtime/register.js'),
          path.join(root, 'dist/libs/testing/src/workers/passthrough.worker.js'),
        ],
        {
          env: { ...process.env, ...testEnv(), WORKER_SERVICE: service, WORKER_DELAY_MS: '20' },
          stdio: 'ignore',
        },
      );
    const statusFrom = await probe.endOffsets(Topics.SmsStatusV1);
    await probe.pinGroupAtEnd(service, [Topics.OrderPlaced]);
    let worker = spawnWorker();
    try {
      await probe.produceRaw(
        Topics.OrderPlaced,
        ids.map((id) => ({
          key: id,
          value: JSON.stringify(order(id)),
          headers: { ce_id: id, ce_source: 'test', ce_type: 'order.placed', ce_specversion: '1.0' },
        })),
      );
      const wanted = new Set(ids);
      await probe.collect(Topics.SmsStatusV1, statusOf(wanted), 100, 60000, statusFrom);
      worker.kill('SIGKILL');
      await new Promise((r) => worker.once('exit', r));
      worker = spawnWorker();
      // Duplicates are expected (at-least-once); count each input once and require all of them.
      const seen = new Set<string>();
      const firstOutput = (r: { value: string | null }) => {
        const id = r.value ? (JSON.parse(r.value) as SmsStatusV1).meta.sourceEventId : '';
        if (!wanted.has(id) || seen.has(id)) return false;
        seen.add(id);
        return true;
      };
      await probe.collect(Topics.SmsStatusV1, firstOutput, ids.length, 120000, statusFrom).catch(() => undefined);
      expect(ids.filter((id) => !seen.has(id))).toEqual([]);
    } finally {
      worker.kill('SIGTERM');
    }
  });

  it('exports the same lag per partition as kafka-consumer-groups --describe', async () => {
    const service = uniqueId('engine-lag');
    const app = await startEcho(service, probe);
    const admin = probe.client.admin();
    await admin.connect();
    const { fetchGroupLag } = await import('./admin/group-lag');
    // Caught up on every partition, so every partition has a committed offset to compare.
    await waitFor(
      'the group to catch up',
      async () => {
        const lag = await fetchGroupLag(admin, service, [Topics.OrderPlaced]);
        return lag.length === 6 && lag.every((p) => p.committed >= 0 && p.lag === 0);
      },
      60000,
      500,
    );
    await app.close();
    const ids = Array.from({ length: 300 }, (_, i) => `${service}-${i}`);
    await probe.produceRaw(
      Topics.OrderPlaced,
      ids.map((id) => ({ key: id, value: JSON.stringify(order(id)), headers: { ce_id: id, ce_source: 't' } })),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runKafkaTool } = require(path.join(root, 'tools/platform/kafka.js'));
    const out = await runKafkaTool('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
      '--bootstrap-server',
      process.env.KAFKA_BROKERS,
      '--describe',
      '--group',
      service,
    ]);
    const theirs = new Map<string, number>();
    for (const line of String(out.stdout).split('\n')) {
      const cols = line.trim().split(/\s+/);
      if (cols[1] === Topics.OrderPlaced) theirs.set(`${cols[1]}:${cols[2]}`, Number(cols[5]));
    }
    const ours = await fetchGroupLag(admin, service, [Topics.OrderPlaced]);
    await admin.disconnect();
    expect(theirs.size).toBeGreaterThan(0);
    expect(new Map(ours.map((p) => [`${p.topic}:${p.partition}`, p.lag]))).toEqual(theirs);
    expect(ours.reduce((n, p) => n + p.lag, 0)).toBeGreaterThanOrEqual(300);
  });
});
