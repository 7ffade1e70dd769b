// Kafka plumbing of the pipeline bench: its own topics, groups pinned at an offset, a fast producer,
// and a reader that starts at given offsets (shared topics hold millions of old records).
import { randomUUID } from 'node:crypto';
import {
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type EachBatchPayload,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';

export type Offsets = Array<{ partition: number; offset: string }>;
export type BenchRecord = { key: string; value: string; headers: Record<string, string>; timestamp?: string };

export const benchKafka = (brokers: string[], clientId = 'bench') =>
  new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });

/** Creates the topics that are missing (the broker does not auto-create) and waits for their leaders. */
export async function ensureTopics(admin: Admin, topics: string[], numPartitions = 6): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  // Leaders are awaited below: createTopics' own wait fails on a new broker with a retriable
  // UNKNOWN_TOPIC_OR_PARTITION from its metadata call.
  if (missing.length)
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
    });
  for (let i = 0; i < 50; i++) {
    // On a new broker the metadata can still answer UNKNOWN_TOPIC_OR_PARTITION (retriable) just after createTopics.
    const meta = await admin.fetchTopicMetadata({ topics }).catch((e: { retriable?: boolean }) => {
      if (!e.retriable) throw e;
      return undefined;
    });
    if (meta?.topics.every((t) => t.partitions.length === numPartitions && t.partitions.every((p) => p.leader >= 0)))
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`topics ${topics.join(', ')} have no leaders`);
}

export async function endOffsets(admin: Admin, topic: string): Promise<Offsets> {
  // Right after createTopics the broker may still answer NOT_LEADER for a while.
  for (let attempt = 1; ; attempt++) {
    try {
      return (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high }));
    } catch (e) {
      if (attempt >= 20 || !(e as { retriable?: boolean }).retriable) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Moves an idle group to the end of each topic: records left over from tests and other runs are not
 * this run's. Joins the group itself and commits (admin.setOffsets waits 5 s per topic).
 */
export async function skipToEnd(kafka: Kafka, groupId: string, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await Promise.all(topics.map(async (topic) => ({ topic, partitions: await endOffsets(admin, topic) })));
  const described = (await admin.describeGroups([groupId])).groups[0];
  await admin.disconnect();
  if (described && described.members.length > 0)
    throw new Error(`group ${groupId} has ${described.members.length} running member(s)`);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    await joined;
    consumer.pause(topics.map((topic) => ({ topic })));
    await consumer.commitOffsets(
      ends.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: p.offset }))),
    );
  } finally {
    await consumer.disconnect();
  }
}

/** Sends `count` records in batches of `batch`, `inFlight` sends at a time; returns when all are acked. */
export async function produceAll(
  producer: Producer,
  topic: string,
  count: number,
  make: (i: number) => BenchRecord,
  onProgress?: (done: number) => void,
  batch = 500,
  inFlight = 4,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count) {
      const from = next;
      next = Math.min(count, next + batch);
      const messages = [];
      for (let i = from; i < next; i++) messages.push(make(i));
      await producer.send({ topic, acks: -1, messages });
      done += messages.length;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/**
 * A consumer of a new group on `topic`, running, that has joined and been moved to `from`.
 * (admin.setOffsets would cost a 5 s fetch wait per group.) Records produced after this
 * resolves are all seen; earlier ones from `from` on may be seen twice, so callers dedupe.
 */
export async function startConsumer(
  kafka: Kafka,
  groupId: string,
  topic: string,
  from: Offsets,
  eachBatch: (payload: EachBatchPayload) => Promise<void>,
  config: Partial<ConsumerConfig> = {},
  concurrency = 6,
): Promise<Consumer> {
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 50,
    maxBytesPerPartition: 4 * 1024 * 1024,
    allowAutoTopicCreation: false,
    ...config,
  });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic });
  await consumer.run({ partitionsConsumedConcurrently: concurrency, eachBatch });
  await Promise.race([
    joined,
    new Promise((_r, reject) => setTimeout(() => reject(new Error(`${groupId} did not join in 30 s`)), 30000)),
  ]);
  for (const f of from) consumer.seek({ topic, partition: f.partition, offset: f.offset });
  // Let the seeks land before anyone produces (they apply at the next fetch, every <= 50 ms).
  await new Promise((r) => setTimeout(r, 300));
  return consumer;
}

/** A consumer of `topic` from `from` with a throwaway group; `onBatch` sees every record. */
export async function readFrom(
  kafka: Kafka,
  topic: string,
  from: Offsets,
  onBatch: (partition: number, messages: KafkaMessage[]) => void,
): Promise<() => Promise<void>> {
  const consumer = await startConsumer(
    kafka,
    `bench-reader-${randomUUID().slice(0, 8)}`,
    topic,
    from,
    async ({ batch }) => onBatch(batch.partition, batch.messages),
  );
  return () => consumer.disconnect();
}

/** Reads `topic` from `from` up to `until` (end offsets taken after the run), then stops. */
export async function readRange(
  kafka: Kafka,
  topic: string,
  from: Offsets,
  until: Offsets,
  onMessage: (m: KafkaMessage) => void,
  timeoutMs = 120000,
): Promise<void> {
  const end = new Map(until.map((u) => [u.partition, Number(u.offset)]));
  const start = new Map(from.map((f) => [f.partition, Number(f.offset)]));
  const pending = new Set(
    until.filter((u) => Number(u.offset) > (start.get(u.partition) ?? 0)).map((u) => u.partition),
  );
  if (pending.size === 0) return;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const stop = await readFrom(kafka, topic, from, (partition, messages) => {
    const last = end.get(partition) ?? 0;
    for (const m of messages) {
      if (Number(m.offset) < last) onMessage(m);
      if (Number(m.offset) >= last - 1) pending.delete(partition);
    }
    if (pending.size === 0) done();
  });
  await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
  await stop();
}
