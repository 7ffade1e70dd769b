import { Injectable, type INestApplication } from '@nestjs/common';
import { Topics, type OrderPlacedV1 } from '@herald/contracts';
import { KafkaProbe, uniqueId, waitFor } from '@herald/testing';
import { startKafkaTestApp } from '../spec-support/kafka-test-app';
import { OnTopic, type ConsumedMessage } from '../index';

interface Calls {
  ids: Set<string>;
  sizes: number[];
}

const order = (orderId: string): OrderPlacedV1 =>
  ({
    orderId,
    customer: { id: 'c-1', firstName: 'A', phone: '+33 6 12 34 56 78', locale: 'fr-FR' },
    total: { amount: '1.00', currency: 'EUR' },
  }) as OrderPlacedV1;

/** A consumer of order.placed that records the size of every handler call, with or without a linger. */
async function start(service: string, lingerMs: number, calls: Calls): Promise<INestApplication> {
  @Injectable()
  class RecordingHandler {
    @OnTopic(Topics.OrderPlaced)
    async handle(batch: ConsumedMessage<OrderPlacedV1>[]): Promise<void> {
      const ours = batch.filter((m) => m.attributes.id.startsWith('linger-'));
      if (ours.length === 0) return;
      calls.sizes.push(ours.length);
      for (const m of ours) calls.ids.add(m.attributes.id);
    }
  }
  return startKafkaTestApp(service, [RecordingHandler], { lingerMs });
}

describe('libs/kafka fetch linger (real broker): a consumer off the latency path takes records in batches', () => {
  const probe = new KafkaProbe();
  afterAll(() => probe.close());

  it('hands records that trickle in to the handler in a few calls with a linger, one by one without', async () => {
    const lingering = uniqueId('engine-linger');
    const eager = uniqueId('engine-eager');
    await probe.pinGroupAtEnd(lingering, [Topics.OrderPlaced]);
    await probe.pinGroupAtEnd(eager, [Topics.OrderPlaced]);
    const withLinger: Calls = { ids: new Set(), sizes: [] };
    const without: Calls = { ids: new Set(), sizes: [] };
    const apps = [await start(lingering, 1500, withLinger), await start(eager, 0, without)];
    try {
      // Let both members join and their first fetches settle.
      await new Promise((r) => setTimeout(r, 3000));
      const ids = Array.from({ length: 10 }, (_, i) => `linger-${lingering}-${i}`);
      for (const id of ids) {
        await probe.publishEvent(Topics.OrderPlaced, order(id), { id, key: 'one-partition' });
        await new Promise((r) => setTimeout(r, 50));
      }
      const all = (c: Calls) => async () => ids.every((id) => c.ids.has(id));
      await waitFor('the eager consumer to see every record', all(without), 30000, 50);
      await waitFor('the lingering consumer to see every record', all(withLinger), 30000, 50);
      // 10 records over about half a second: a 1.5 s linger holds them in at most two fetches (the
      // one in flight when the first arrived, then the next); without it each fetch ends on a record.
      expect(withLinger.sizes.length).toBeLessThanOrEqual(2);
      expect(without.sizes.length).toBeGreaterThan(withLinger.sizes.length);
    } finally {
      await Promise.all(apps.map((a) => a.close()));
    }
  }, 90000);
});
