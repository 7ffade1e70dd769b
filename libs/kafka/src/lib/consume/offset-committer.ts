export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to read (last processed + 1), as Kafka stores it. */
  offset: string;
}

const keyOf = (topic: string, partition: number) => `${topic}|${partition}`;

/**
 * Offsets of processed batches, committed together on a timer (not one OffsetCommit per batch), on
 * rebalance and on shutdown. A failed commit keeps its offsets for the next try unless newer ones
 * arrived meanwhile; an offset that is not committed only means the batch is read again.
 */
export class OffsetCommitter {
  private readonly pending = new Map<string, TopicPartitionOffset>();
  private inFlight?: Promise<void>;

  constructor(private readonly commit: (offsets: TopicPartitionOffset[]) => Promise<void>) {}

  processed(topic: string, partition: number, lastOffset: string): void {
    this.pending.set(keyOf(topic, partition), { topic, partition, offset: (BigInt(lastOffset) + 1n).toString() });
  }

  /** After a rebalance: a partition now owned by another member must not get our older offset. */
  retain(assigned: (topic: string, partition: number) => boolean): void {
    for (const [key, o] of this.pending) if (!assigned(o.topic, o.partition)) this.pending.delete(key);
  }

  get size(): number {
    return this.pending.size;
  }

  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight.catch(() => undefined);
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    this.inFlight = this.commit(batch)
      .catch((e: unknown) => {
        for (const o of batch)
          if (!this.pending.has(keyOf(o.topic, o.partition))) this.pending.set(keyOf(o.topic, o.partition), o);
        throw e;
      })
      .finally(() => (this.inFlight = undefined));
    await this.inFlight;
  }
}
