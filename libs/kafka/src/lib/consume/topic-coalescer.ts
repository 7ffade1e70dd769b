import type { BatchControl } from './batch-processor';
import type { RawRecord } from './consumed-message';

export interface PartitionBatch {
  raws: RawRecord[];
  control: BatchControl;
}

type Run = (topic: string, raws: RawRecord[], control: BatchControl) => Promise<void>;

/**
 * kafkajs hands each partition of a fetch to its own concurrent eachBatch call. The calls for one
 * topic that arrive in the same turn of the event loop are joined into one handler call (one
 * produce, one transaction), records of each partition staying in order. Every joined call
 * settles with the shared result, so no partition's offset is resolved before the outputs are acked.
 */
export class TopicCoalescer {
  private readonly open = new Map<string, { batches: PartitionBatch[]; done: Promise<void> }>();

  constructor(
    private readonly run: Run,
    private readonly defer: (fn: () => void) => void = (fn) => setImmediate(fn),
  ) {}

  join(topic: string, batch: PartitionBatch): Promise<void> {
    let group = this.open.get(topic);
    if (!group) {
      const batches: PartitionBatch[] = [];
      const done = new Promise<void>((resolve, reject) =>
        this.defer(() => {
          this.open.delete(topic);
          this.run(
            topic,
            batches.flatMap((b) => b.raws),
            combined(batches),
          ).then(resolve, reject);
        }),
      );
      group = { batches, done };
      this.open.set(topic, group);
    }
    group.batches.push(batch);
    return group.done;
  }
}

/** Any joined partition revoked (or the consumer stopping) gives the whole call up: none of them is committed. */
function combined(batches: PartitionBatch[]): BatchControl {
  return {
    heartbeat: () => batches[0].control.heartbeat(),
    isAbandoned: () => batches.some((b) => b.control.isAbandoned()),
  };
}
