// Phase 1, the ceiling: five kafkajs consumer groups in this process, each forwarding records
// (eachBatch, one send per batch, headers passed through, no logic) to the next of bench.raw.h0..h5.
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { benchOrderRecord } from './bench-records';
import { endOffsets, ensureTopics, produceAll, readFrom, startConsumer, type Offsets } from './bench-kafka';
import { throughput, type Throughput } from './bench-stats';
import { progress } from './progress';

export const HOPS = 5;
const topicOf = (hop: number) => `bench.raw.h${hop}`;

async function startHop(kafka: Kafka, hop: number, runId: string, from: Offsets): Promise<{ consumer: Consumer; producer: Producer }> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  // The same consumer settings as Herald's engine (libs/kafka consumer-runner), without its logic.
  const consumer = await startConsumer(
    kafka,
    `bench-raw-${runId}-hop${hop}`,
    topicOf(hop - 1),
    from,
    async ({ batch }) => {
      const messages = batch.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers }));
      if (messages.length) await producer.send({ topic: topicOf(hop), acks: -1, messages });
    },
    { maxBytesPerPartition: 1024 * 1024, maxBytes: 4 * 1024 * 1024 },
    3,
  );
  return { consumer, producer };
}

export async function runRawChain(kafka: Kafka, records: number, timeoutMs = 180000): Promise<Throughput> {
  const runId = randomUUID().slice(0, 8);
  const admin = kafka.admin();
  await admin.connect();
  const topics = Array.from({ length: HOPS + 1 }, (_, h) => topicOf(h));
  await ensureTopics(admin, topics);
  // Each hop's new group starts exactly at the current end of its input topic.
  const ends = await Promise.all(topics.map((t) => endOffsets(admin, t)));
  await admin.disconnect();

  const hops = await Promise.all(Array.from({ length: HOPS }, (_, i) => startHop(kafka, i + 1, runId, ends[i])));
  const prefix = `${runId}-`;
  const doneAt = new Map<string, number>();
  let finished!: () => void;
  const all = new Promise<void>((r) => (finished = r));
  const stopReader = await readFrom(kafka, topicOf(HOPS), ends[HOPS], (_p, messages) => {
    for (const m of messages) {
      const id = m.headers?.ce_id?.toString() ?? '';
      if (id.startsWith(prefix) && !doneAt.has(id)) doneAt.set(id, Number(m.timestamp));
    }
    progress('raw kafkajs, 5 hops', Math.min(doneAt.size, records), records);
    if (doneAt.size >= records) finished();
  });

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const start = Date.now();
  await produceAll(producer, topicOf(0), records, (i) => benchOrderRecord(i, runId));
  await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs))]);
  await producer.disconnect();
  await stopReader();
  await Promise.all(hops.map(async (h) => (await h.consumer.disconnect(), await h.producer.disconnect())));
  return throughput(start, [...doneAt.values()]);
}
