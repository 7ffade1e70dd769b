import { randomUUID } from 'node:crypto';
import type { KafkaMessage, createKafkaClient } from '@herald/kafka';
import { startGroupAtEnd } from './topic-tail';

type Kafka = ReturnType<typeof createKafkaClient>;
type Consumer = ReturnType<Kafka['consumer']>;

export type FollowedRecord = (topic: string, partition: number, message: KafkaMessage) => void;

const RESTART_AFTER_MS = 1000;

/**
 * Follows topics from their current end for as long as a test runs, through broker outages.
 *
 * kafkajs does not restart a consumer whose crash it judges non-retriable, and a broker restart
 * can bring such a crash (a coordinator error while the group rejoins): a test that followed the
 * receipts that way went deaf while the pipeline under test kept working. Here any crash starts a
 * new consumer in the same group, which resumes at the group's committed offsets; what it reads
 * twice is skipped (offsets only grow within a partition) and counted in `rereads`.
 */
export class TopicFollower {
  /** Records read twice after a restart or a rebalance, skipped. */
  rereads = 0;
  /** Consumers started again after a crash kafkajs would not restart. */
  restarts = 0;
  private readonly groupId = `test-follower-${randomUUID()}`;
  private readonly last = new Map<string, bigint>();
  private consumer?: Consumer;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: string[],
    private readonly onRecord: FollowedRecord,
  ) {}

  async start(): Promise<void> {
    await startGroupAtEnd(this.kafka, this.groupId, this.topics);
    await this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 50 });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (e) => {
      if (!e.payload.restart && consumer === this.consumer) this.restartLater();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}:${batch.partition}`;
        for (const m of batch.messages) {
          const offset = BigInt(m.offset);
          if (offset <= (this.last.get(key) ?? -1n)) {
            this.rereads++;
            continue;
          }
          this.last.set(key, offset);
          this.onRecord(batch.topic, batch.partition, m);
        }
      },
    });
  }

  private restartLater(): void {
    if (this.stopped) return;
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.restarts++;
      this.run().catch(() => this.restartLater());
    }, RESTART_AFTER_MS);
  }
}
