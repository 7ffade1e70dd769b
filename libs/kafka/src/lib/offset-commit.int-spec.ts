import { Injectable, type INestApplication } from '@nestjs/common';
import { Topics, type OrderPlacedV1 } from '@herald/contracts';
import { KafkaProbe, uniqueId, waitFor } from '@herald/testing';
import { BatchContext, OnTopic, type ConsumedMessage } from '../index';
import { startKafkaTestApp } from '../spec-support/kafka-test-app';

const seen = new Map<string, number>();

@Injectable()
class CountingHandler {
  @OnTopic(Topics.OrderPlaced)
  async handle(batch: ConsumedMessage<OrderPlacedV1>[], _ctx: BatchContext): Promise<void> {
    for (const m of batch) seen.set(m.attributes.id, (seen.get(m.attributes.id) ?? 0) + 1);
  }
}

const order = (orderId: string): OrderPlacedV1 =>
  ({
    orderId,
    customer: { id: 'c-1', firstName: 'A', phone: '+33 6 12 34 56 78', locale: 'fr-FR' },
    total: { amount: '1.00', currency: 'EUR' },
  }) as OrderPlacedV1;

async function start(service: string): Promise<INestApplication> {
  // A commit interval longer than the test: only the shutdown and rebalance commits can move the offsets.
  return startKafkaTestApp(service, [CountingHandler], { commitIntervalMs: 10 * 60_000 });
}

describe('libs/kafka offsets (real broker): committed on shutdown and on rebalance, not per batch', () => {
  const probe = new KafkaProbe();
  afterAll(() => probe.close());

  const committedAtLeast = async (service: string, ends: Array<{ partition: number; offset: string }>) => {
    const admin = probe.client.admin();
    await admin.connect();
    try {
      const [{ partitions }] = await admin.fetchOffsets({ groupId: service, topics: [Topics.OrderPlaced] });
      const at = new Map(partitions.map((p) => [p.partition, Number(p.offset)]));
      return ends.every((e) => (at.get(e.partition) ?? -1) >= Number(e.offset));
    } finally {
      await admin.disconnect();
    }
  };

  const publish = async (ids: string[]) => {
    for (const id of ids) await probe.publishEvent(Topics.OrderPlaced, order(id), { id, key: id });
    return probe.endOffsets(Topics.OrderPlaced);
  };

  it('commits what was processed when the service shuts down', async () => {
    const service = uniqueId('engine-commit-stop');
    await probe.pinGroupAtEnd(service, [Topics.OrderPlaced]);
    const app = await start(service);
    const ids = Array.from({ length: 30 }, (_, i) => `${service}-${i}`);
    const ends = await publish(ids);
    await waitFor('the records to be processed', async () => ids.every((id) => seen.has(id)), 30000, 100);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await committedAtLeast(service, ends)).toBe(false);
    await app.close();
    expect(await committedAtLeast(service, ends)).toBe(true);
  }, 60000);

  it('commits what was processed before its partitions are handed to a new member', async () => {
    const service = uniqueId('engine-commit-rebalance');
    await probe.pinGroupAtEnd(service, [Topics.OrderPlaced]);
    const first = await start(service);
    let second: INestApplication | undefined;
    try {
      const ids = Array.from({ length: 30 }, (_, i) => `${service}-${i}`);
      const ends = await publish(ids);
      await waitFor('the records to be processed', async () => ids.every((id) => seen.has(id)), 30000, 100);
      expect(await committedAtLeast(service, ends)).toBe(false);
      second = await start(service);
      await waitFor('the rebalance commit', async () => committedAtLeast(service, ends), 45000, 500);
      // Nothing the first member processed was read again by the second.
      expect(ids.filter((id) => seen.get(id) !== 1)).toEqual([]);
    } finally {
      await second?.close();
      await first.close();
    }
  }, 90000);
});
