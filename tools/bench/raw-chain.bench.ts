// Phase 1, the ceiling: five hop processes (raw-hop.main), one per hop as Herald runs one process
// per service, each decoding and re-encoding every record and forwarding it to the next of
// <prefix>.h0..h5. Run with kafkajs (the ceiling) and with @platformatic/kafka (a reference row:
// what the client library itself costs).
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Kafka } from '@herald/kafka';
import { benchOrderRecord } from './bench-records';
import { endOffsets, ensureTopics, produceAll, readFrom, skipToEnd } from './bench-kafka';
import { throughput, type Throughput } from './bench-stats';
import { spawnReady, stopChildren } from './child-stage';
import { progress } from './progress';
import { ProcessSampler, type ProcessStats } from './samplers';

export const HOPS = 5;
export type RawClient = 'kafkajs' | 'platformatic';

export interface RawResult extends Throughput {
  client: RawClient;
  processes: Record<string, ProcessStats>;
}

export async function runRawChain(
  kafka: Kafka,
  client: RawClient,
  records: number,
  timeoutMs = 180000,
): Promise<RawResult> {
  const prefix = client === 'kafkajs' ? 'bench.raw' : 'bench.rawp';
  const topicOf = (hop: number) => `${prefix}.h${hop}`;
  const runId = randomUUID().slice(0, 8);
  const admin = kafka.admin();
  await admin.connect();
  const topics = Array.from({ length: HOPS + 1 }, (_, h) => topicOf(h));
  await ensureTopics(admin, topics);
  // Each hop's new group starts exactly at the current end of its input topic.
  const ends = await Promise.all(topics.map((t) => endOffsets(admin, t)));
  const groups = Array.from({ length: HOPS }, (_, i) => `bench-${client}-${runId}-hop${i + 1}`);
  await admin.disconnect();
  // Nothing writes to these topics meanwhile: committing their current ends pins each group there.
  await Promise.all(groups.map((groupId, i) => skipToEnd(kafka, groupId, [topicOf(i)])));

  let hops: ChildProcess[] = [];
  try {
    hops = await Promise.all(
      groups.map((g, i) =>
        spawnReady('raw-hop.main.js', [client, topicOf(i), topicOf(i + 1), g], `${client} hop ${i + 1}`),
      ),
    );
    const sampler = new ProcessSampler(Object.fromEntries(hops.map((c, i) => [`hop ${i + 1}`, c.pid!])));
    const doneAt = new Map<string, number>();
    let finished!: () => void;
    const all = new Promise<void>((r) => (finished = r));
    const stopReader = await readFrom(kafka, topicOf(HOPS), ends[HOPS], (_p, messages) => {
      for (const m of messages) {
        const id = m.headers?.ce_id?.toString() ?? '';
        if (id.startsWith(`${runId}-`) && !doneAt.has(id)) doneAt.set(id, Number(m.timestamp));
      }
      progress(`raw ${client}, 5 processes`, Math.min(doneAt.size, records), records);
      if (doneAt.size >= records) finished();
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    sampler.start();
    const start = Date.now();
    await produceAll(producer, topicOf(0), records, (i) => benchOrderRecord(i, runId));
    const timer = new Promise((r) => setTimeout(r, timeoutMs));
    await Promise.race([all, timer]);
    const processes = sampler.stop();
    await producer.disconnect();
    await stopReader();
    return { client, ...throughput(start, [...doneAt.values()]), processes };
  } finally {
    await stopChildren(hops);
  }
}
