import { randomUUID } from 'node:crypto';
import type { createKafkaClient } from '@herald/kafka';

type Kafka = ReturnType<typeof createKafkaClient>;
type Offsets = Array<{ partition: number; offset: string }>;

export interface TailRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

async function endOffsets(kafka: Kafka, topic: string): Promise<Offsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high }));
  } finally {
    await admin.disconnect();
  }
}

/** Commits the log-end offsets for a group that has no members yet, so it starts from now, not from history. */
export async function startGroupAtEnd(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) await admin.setOffsets({ groupId, topic, partitions: await endOffsets(kafka, topic) });
  } finally {
    await admin.disconnect();
  }
}

export async function deleteGroups(kafka: Kafka, groupIds: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups(groupIds).catch(() => undefined);
  await admin.disconnect();
}

/**
 * Reads a topic from the offsets it had when the tail was opened, not from its beginning: shared
 * topics hold every other test's and bench's records, and scanning them all takes minutes.
 */
export class TopicTail {
  private constructor(
    private readonly kafka: Kafka,
    readonly topic: string,
    private readonly from: Offsets,
  ) {}

  static async open(kafka: Kafka, topic: string): Promise<TopicTail> {
    return new TopicTail(kafka, topic, await endOffsets(kafka, topic));
  }

  /** Every matching record since the tail was opened, once `count` arrived; throws `found N` after the timeout. */
  async collect(match: (r: TailRecord) => boolean, count: number, timeoutMs = 30000): Promise<TailRecord[]> {
    const groupId = `test-tail-${randomUUID()}`;
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId, topic: this.topic, partitions: this.from });
    await admin.disconnect();
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
    const found: TailRecord[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message, partition }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
        const r: TailRecord = {
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
        };
        if (match(r)) found.push(r);
        if (found.length >= count) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    await consumer.disconnect();
    await deleteGroups(this.kafka, [groupId]);
    if (found.length < count)
      throw new Error(`expected ${count} matching records on ${this.topic}, found ${found.length} in ${timeoutMs} ms`);
    return found;
  }
}
