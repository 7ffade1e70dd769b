import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

export interface ReadRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export const headersOf = (raw: Record<string, unknown> | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {}))
    if (v !== undefined) out[k] = Array.isArray(v) ? String(v[0]) : String(v);
  return out;
};

/**
 * Reads `topic` from its start to the end it had when called, then resolves. A throwaway group
 * that commits nothing, so no service's group is touched. `onRecord` returning false stops early.
 */
export async function readToEnd(
  kafka: Kafka,
  topic: string,
  onRecord: (r: ReadRecord) => boolean | void,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(
    ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]),
  );
  if (remaining.size === 0) return;
  const consumer = kafka.consumer({ groupId: `herald-cli-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const end = remaining.get(batch.partition) ?? 0;
            for (const m of batch.messages) {
              if (Number(m.offset) >= end) break;
              const r: ReadRecord = {
                partition: batch.partition,
                offset: m.offset,
                key: m.key?.toString() ?? null,
                value: m.value,
                headers: headersOf(m.headers),
              };
              if (onRecord(r) === false) {
                remaining.clear();
                break;
              }
            }
            if (Number(batch.lastOffset()) + 1 >= end) remaining.delete(batch.partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Follows `topic` (from the end, or from the start) until `stop()` resolves. */
export async function follow(
  kafka: Kafka,
  topic: string,
  fromBeginning: boolean,
  onRecord: (r: ReadRecord) => boolean | void,
  stop: Promise<void>,
): Promise<void> {
  const consumer = kafka.consumer({ groupId: `herald-cli-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  try {
    await consumer.subscribe({ topic, fromBeginning });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message: m }) => {
        const r: ReadRecord = {
          partition,
          offset: m.offset,
          key: m.key?.toString() ?? null,
          value: m.value,
          headers: headersOf(m.headers),
        };
        if (onRecord(r) === false) done();
      },
    });
    await Promise.race([finished, stop]);
  } finally {
    await consumer.disconnect();
  }
}
