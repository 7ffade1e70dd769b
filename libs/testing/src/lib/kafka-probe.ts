import { randomUUID } from 'node:crypto';
import { createKafkaClient } from '@herald/kafka';
import { createLogger } from '@herald/observability';
import { CeHeader, TRACEPARENT_HEADER, newTraceparent } from '@herald/contracts';

export interface ProbeRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  /** The value as the broker returned it: a dead letter's ciphertext is not text. */
  bytes?: Buffer | null;
  headers: Record<string, string>;
}

type Kafka = ReturnType<typeof createKafkaClient>;
type Producer = ReturnType<Kafka['producer']>;
type Consumer = ReturnType<Kafka['consumer']>;

/** A test's outside view of the broker: publish like a producer system would, read what came out. */
export class KafkaProbe {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];

  constructor(brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:19092') {
    this.kafka = createKafkaClient(
      { service: 'test-probe', brokers: brokers.split(',') },
      createLogger('test-probe', 'error'),
    );
  }

  get client(): Kafka {
    return this.kafka;
  }

  async produceRaw(
    topic: string,
    records: Array<{ key?: string | null; value: string | Buffer | null; headers?: Record<string, string> }>,
  ): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    await this.producer.send({
      topic,
      acks: -1,
      messages: records.map((r) => ({ key: r.key ?? null, value: r.value, headers: r.headers })),
    });
  }

  /** A CloudEvent in binary mode, as an e-commerce backend would publish it. */
  async publishEvent(
    topic: string,
    data: unknown,
    attrs: { id?: string; key?: string; source?: string } = {},
  ): Promise<string> {
    const id = attrs.id ?? randomUUID();
    await this.produceRaw(topic, [
      {
        key: attrs.key ?? id,
        value: JSON.stringify(data),
        headers: {
          [CeHeader.id]: id,
          [CeHeader.type]: topic,
          [CeHeader.source]: attrs.source ?? 'test/shop',
          [CeHeader.time]: new Date().toISOString(),
          [CeHeader.specversion]: '1.0',
          [TRACEPARENT_HEADER]: newTraceparent(),
          'content-type': 'application/json',
        },
      },
    ]);
    return id;
  }

  /** The current end of every partition: pass it to `collect` to read only what comes after. */
  async endOffsets(topic: string): Promise<Array<{ partition: number; offset: string }>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high }));
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Commits a not-yet-used group's offsets at the current end of `topics`, so a service under test
   * starts with this test's records instead of every record earlier tests left on shared topics.
   */
  async pinGroupAtEnd(groupId: string, topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const topic of topics) {
        const partitions = (await admin.fetchTopicOffsets(topic)).map((p) => ({
          partition: p.partition,
          offset: p.high,
        }));
        await admin.setOffsets({ groupId, topic, partitions });
      }
    } finally {
      await admin.disconnect();
    }
  }

  /** A new consumer group that starts at `from` (or at the beginning); the caller subscribes and runs it. */
  async consumerFrom(topic: string, from?: Array<{ partition: number; offset: string }>): Promise<Consumer> {
    const groupId = `test-probe-${randomUUID()}`;
    if (from) {
      const admin = this.kafka.admin();
      await admin.connect();
      await admin.setOffsets({ groupId, topic, partitions: from });
      await admin.disconnect();
    }
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    return consumer;
  }

  /**
   * Reads `topic` (from `from`, else from the beginning) until `count` records match, or throws
   * after the timeout. Topics shared by many tests grow long: pass `from` (see `endOffsets`).
   */
  async collect(
    topic: string,
    match: (r: ProbeRecord) => boolean,
    count: number,
    timeoutMs = 30000,
    from?: Array<{ partition: number; offset: string }>,
  ): Promise<ProbeRecord[]> {
    const found: ProbeRecord[] = [];
    const consumer = await this.consumerFrom(topic, from);
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
        const r: ProbeRecord = {
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          bytes: message.value,
          headers,
        };
        if (match(r)) found.push(r);
        if (found.length >= count) done();
      },
    });
    const timer = new Promise<void>((r) => setTimeout(r, timeoutMs));
    await Promise.race([finished, timer]);
    await consumer.disconnect();
    if (found.length < count)
      throw new Error(`expected ${count} matching records on ${topic}, found ${found.length} in ${timeoutMs} ms`);
    return found;
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect().catch(() => undefined)));
    await this.producer?.disconnect();
  }
}
