import type { createKafkaClient } from '@herald/kafka';

type Kafka = ReturnType<typeof createKafkaClient>;
type Admin = ReturnType<Kafka['admin']>;

// The CLI's and replay's one-off readers (tools/cli topic-reader, libs/kafka replayDlq) are no pipeline stage.
const THROWAWAY_GROUP = /^herald-(cli|dlq-replay)-/;

/** The console's one Kafka client: the CLI's DLQ code reads and replays through it, the admin measures lag. */
export class ConsoleKafka {
  private admin?: Admin;

  constructor(readonly client: Kafka) {}

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.client.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  async dlqCounts(
    topics: Array<{ topic: string; dlq: string }>,
  ): Promise<Array<{ topic: string; dlq: string; records: number }>> {
    const admin = await this.connected();
    const existing = new Set(await admin.listTopics());
    return Promise.all(
      topics.map(async (t) => {
        if (!existing.has(t.dlq)) return { ...t, records: 0 };
        const offsets = await admin.fetchTopicOffsets(t.dlq);
        return { ...t, records: offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0) };
      }),
    );
  }

  /**
   * Records behind per consumer group: log-end offset minus the group's committed offset (the log
   * start where it never committed), summed over the partitions of the topics it consumes. Measured from the broker, so a group whose consumer is stopped still shows
   * its growing lag (the services' own lag gauge stops with them).
   */
  async groupLags(only?: readonly string[]): Promise<Record<string, number>> {
    const admin = await this.connected();
    const groups =
      only ?? (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => !THROWAWAY_GROUP.test(g));
    const ends = new Map<string, Map<number, { low: number; high: number }>>();
    const endOf = async (topic: string) => {
      if (!ends.has(topic))
        ends.set(
          topic,
          new Map(
            (await admin.fetchTopicOffsets(topic)).map((o) => [
              o.partition,
              { low: Number(o.low), high: Number(o.high) },
            ]),
          ),
        );
      return ends.get(topic)!;
    };
    const out: Record<string, number> = {};
    for (const groupId of groups) {
      let lag = 0;
      for (const t of await admin.fetchOffsets({ groupId })) {
        const end = await endOf(t.topic);
        // Every partition of the topic: one the group never committed on is absent (or -1) and every
        // record still in it is unread (the services subscribe from the beginning).
        const committed = new Map(t.partitions.map((p) => [p.partition, Number(p.offset)]));
        for (const [partition, range] of end) {
          const at = committed.get(partition) ?? -1;
          lag += Math.max(0, range.high - (at >= 0 ? at : range.low));
        }
      }
      out[groupId] = lag;
    }
    return out;
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
  }
}
