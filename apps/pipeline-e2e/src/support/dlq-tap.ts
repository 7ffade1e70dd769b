import { Topics, dlqTopicOf } from '@herald/contracts';
import { TopicFollower, type KafkaProbe } from '@herald/testing';

export interface DlqEntry {
  topic: string;
  key: string;
  code: string;
  reason: string;
}

/** Follows every `<topic>.dlq` from its current end: what a run dead-lettered, with each reason. */
export class DlqTap {
  readonly entries: DlqEntry[] = [];
  private follower?: TopicFollower;

  constructor(private readonly probe: KafkaProbe) {}

  async start(): Promise<void> {
    this.follower = new TopicFollower(
      this.probe.client,
      Object.values(Topics).map(dlqTopicOf),
      (topic, _p, message) => {
        const h = (name: string) => message.headers?.[name]?.toString() ?? '';
        this.entries.push({
          topic,
          key: message.key?.toString() ?? '',
          code: h('x-error-code'),
          reason: h('x-error-message'),
        });
      },
    );
    await this.follower.start();
  }

  /** Counts by `<dlq topic> <error code>`, of every entry or of those after the first `from`. */
  byReason(from = 0): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries.slice(from)) out[`${e.topic} ${e.code}`] = (out[`${e.topic} ${e.code}`] ?? 0) + 1;
    return out;
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
  }
}
