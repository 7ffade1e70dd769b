import { randomUUID } from 'node:crypto';
import type { Batch, IHeaders, Kafka, Message } from 'kafkajs';
import type { PiiCipher } from '@herald/pii';
import { DlqHeader } from '../publish/dlq-record';
import { openDeadLetter } from '../publish/dlq-seal';

export interface ReplayFilter {
  dlqTopic: string;
  /** Only records with this `x-error-code`. */
  errorCode?: string;
  /** Only these DLQ offsets, as `partition:offset`. */
  offsets?: string[];
  limit?: number;
  dryRun?: boolean;
}

export interface ReplayResult {
  scanned: number;
  replayed: number;
  byTopic: Record<string, number>;
}

const str = (v: IHeaders[string]) => (Buffer.isBuffer(v) ? v.toString('utf8') : Array.isArray(v) ? String(v[0]) : v);

const DLQ_ONLY = (k: string) => k.startsWith('x-error-') || k.startsWith('x-original-') || k === DlqHeader.enc;

/**
 * Reads a DLQ from its start to its current end and re-publishes the selected records, decrypted
 * to their original bytes, to the topic they came from (`x-original-topic`). A dry run decrypts too,
 * so it proves the keys open every selected record. The DLQ itself is left as it is.
 */
export async function replayDlq(
  kafka: Kafka,
  filter: ReplayFilter,
  cipher: PiiCipher | undefined,
): Promise<ReplayResult> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(filter.dlqTopic);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]),
  );
  const result: ReplayResult = { scanned: 0, replayed: 0, byTopic: {} };
  if (remaining.size === 0) return result;

  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `herald-dlq-replay-${randomUUID()}` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: filter.dlqTopic, fromBeginning: true });
  const wanted = filter.offsets ? new Set(filter.offsets) : undefined;
  const replayBatch = async (batch: Batch): Promise<void> => {
    const out = new Map<string, Message[]>();
    for (const m of batch.messages) {
      if (Number(m.offset) >= (remaining.get(batch.partition) ?? 0)) break;
      result.scanned++;
      const h = m.headers ?? {};
      const target = str(h[DlqHeader.topic]);
      const selected =
        target &&
        (!filter.errorCode || str(h[DlqHeader.code]) === filter.errorCode) &&
        (!wanted || wanted.has(`${batch.partition}:${m.offset}`));
      if (!selected || (filter.limit !== undefined && result.replayed >= filter.limit)) continue;
      const headers: IHeaders = { 'x-replayed-from': `${filter.dlqTopic}:${batch.partition}:${m.offset}` };
      for (const [k, v] of Object.entries(h)) if (!DLQ_ONLY(k) && v !== undefined) headers[k] = v;
      const value = openDeadLetter(m.value, h, cipher);
      (out.get(target) ?? out.set(target, []).get(target)!).push({ key: m.key, value, headers });
      result.replayed++;
      result.byTopic[target] = (result.byTopic[target] ?? 0) + 1;
    }
    if (!filter.dryRun && out.size > 0)
      await producer.sendBatch({ acks: -1, topicMessages: [...out].map(([topic, messages]) => ({ topic, messages })) });
    if (Number(batch.lastOffset()) + 1 >= (remaining.get(batch.partition) ?? 0)) remaining.delete(batch.partition);
  };
  const done = new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachBatch: async ({ batch }) => {
          if (remaining.size === 0) return;
          // Thrown out of eachBatch, kafkajs would retry the batch forever: the caller hears it once.
          await replayBatch(batch).catch((e: unknown) => {
            remaining.clear();
            reject(e);
          });
          if (remaining.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  try {
    await done;
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
  }
  return result;
}
