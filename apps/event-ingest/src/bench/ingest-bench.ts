// Events/s through event-ingest alone: N order.placed CloudEvents (~1 KB each) are produced first,
// then the service (its own consumer group, started at the end of the topic before producing) reads
// them, dedupes, and publishes sms.requested.v1 + sms.status.v1; the clock runs from its first
// committed offset to the last. Run after a build, with the platform up:
//   node -r ./tools/runtime/register.js dist/apps/event-ingest/src/bench/ingest-bench.js [events=20000]
import { randomUUID } from 'node:crypto';
import { CeHeader, Topics } from '@herald/contracts';
import { createKafkaClient } from '@herald/kafka';
import { createLogger } from '@herald/observability';
import { createServiceApp, loadConfig } from '@herald/service-kit';
import { EventIngestConfig } from '../event-ingest.config';
import { eventIngestDefinition } from '../event-ingest.definition';
import { deleteGroups, startGroupAtEnd } from '@herald/testing';

const BENCH_KEYS = {
  RECIPIENT_TOKEN_KEY: 'bench-recipient-token-key-0123456789abcdef',
  PII_ENCRYPTION_KEYS: `b1:${Buffer.alloc(32, 9).toString('base64')}`,
};

function event(i: number): Record<string, unknown> {
  return {
    orderId: `bench-${i}`,
    customer: {
      id: `c-${i}`,
      firstName: 'Amélie',
      lastName: 'Durand',
      phone: `+33 6 ${String(10000000 + (i % 89999999)).replace(/(\d{2})(?=\d)/g, '$1 ')}`,
      locale: 'fr-FR',
      timezone: 'Europe/Paris',
      country: 'FR',
    },
    total: { amount: '149.90', currency: 'EUR' },
    items: Array.from({ length: 8 }, (_, n) => ({
      name: `Théière fonte 1L, coloris ${n}, réf. TH-${1000 + n} (édition atelier)`,
      quantity: 1 + n,
    })),
    trackingUrl: `https://track.example/orders/bench-${i}?utm_source=sms&utm_medium=transactional`,
  };
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 20000);
  const config = loadConfig(EventIngestConfig, {
    ...BENCH_KEYS,
    ...process.env,
    INGEST_TOPICS: Topics.OrderPlaced,
    HTTP_PORT: '0',
    MGMT_PORT: '0',
    LOG_LEVEL: 'warn',
  });
  const kafka = createKafkaClient(
    { service: 'ingest-bench', brokers: config.KAFKA_BROKERS.split(',') },
    createLogger('ingest-bench', 'error'),
  );
  const group = `event-ingest-bench-${randomUUID().slice(0, 8)}`;
  await startGroupAtEnd(kafka, group, [Topics.OrderPlaced]);

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const run = randomUUID().slice(0, 8);
  const size = Buffer.byteLength(JSON.stringify(event(0)));
  const produceStart = Date.now();
  for (let from = 0; from < total; from += 1000) {
    const messages = Array.from({ length: Math.min(1000, total - from) }, (_, k) => {
      const id = `bench-${run}-${from + k}`;
      const headers = {
        [CeHeader.id]: id,
        [CeHeader.type]: Topics.OrderPlaced,
        [CeHeader.source]: 'bench/shop',
        [CeHeader.specversion]: '1.0',
        [CeHeader.time]: new Date().toISOString(),
      };
      return { key: `order-${from + k}`, value: JSON.stringify(event(from + k)), headers };
    });
    await producer.send({ topic: Topics.OrderPlaced, acks: -1, messages });
  }
  const produceMs = Date.now() - produceStart;
  await producer.disconnect();

  const admin = kafka.admin();
  await admin.connect();
  const committed = async () =>
    (await admin.fetchOffsets({ groupId: group, topics: [Topics.OrderPlaced] }))[0].partitions.reduce(
      (n, p) => n + Math.max(0, Number(p.offset)),
      0,
    );
  const base = await committed();
  const app = await createServiceApp(eventIngestDefinition(group), config);
  let first: { at: number; done: number } | undefined;
  let done = 0;
  const deadline = Date.now() + 10 * 60 * 1000;
  while (done < total && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    done = (await committed()) - base;
    if (first === undefined && done > 0) first = { at: Date.now(), done };
  }
  const end = Date.now();
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  await app.close();
  await admin.disconnect();
  await deleteGroups(kafka, [group]);

  const measured = first === undefined ? 0 : done - first.done;
  const seconds = first === undefined ? 0 : (end - first.at) / 1000;
  const result = {
    events: total,
    eventBytes: size,
    producedPerSecond: Math.round(total / (produceMs / 1000)),
    consumed: done,
    measuredEvents: measured,
    seconds: Number(seconds.toFixed(2)),
    eventsPerSecond: seconds > 0 ? Math.round(measured / seconds) : 0,
    partitionsConcurrently: config.KAFKA_PARTITIONS_CONCURRENCY,
    rssMb,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (done < total) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`ingest bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
