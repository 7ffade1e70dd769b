import { randomUUID } from 'node:crypto';
import { Topics, dlqTopicOf } from '@herald/contracts';
import type { KafkaProbe } from '@herald/testing';

type Consumer = ReturnType<KafkaProbe['client']['consumer']>;

export interface DlqEntry {
  topic: string;
  key: string;
  code: string;
  reason: string;
}

/** Follows every `<topic>.dlq` from its current end: what a run dead-lettered, with each reason. */
export class DlqTap {
  readonly entries: DlqEntry[] = [];
  private consumer?: Consumer;

  constructor(private readonly probe: KafkaProbe) {}

  async start(): Promise<void> {
    const topics = Object.values(Topics).map(dlqTopicOf);
    const groupId = `test-dlq-tap-${randomUUID()}`;
    await this.probe.pinGroupAtEnd(groupId, topics);
    this.consumer = this.probe.client.consumer({ groupId, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const h = (name: string) => message.headers?.[name]?.toString() ?? '';
        this.entries.push({
          topic,
          key: message.key?.toString() ?? '',
          code: h('x-error-code'),
          reason: h('x-error-message'),
        });
      },
    });
  }

  /** Counts by `<dlq topic> <error code>`, of every entry or of those after the first `from`. */
  byReason(from = 0): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries.slice(from)) out[`${e.topic} ${e.code}`] = (out[`${e.topic} ${e.code}`] ?? 0) + 1;
    return out;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
