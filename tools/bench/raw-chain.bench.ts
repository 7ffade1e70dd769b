// Phase 1, the ceiling: five hop processes (raw-hop.main), one per hop as Herald runs one process
// per service, each decoding and re-encoding every record and forwarding it to the next of
// <prefix>.h0..h5. Run with kafkajs (the ceiling) and with @platformatic/kafka (a reference row:
// what the client library itself costs).
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Kafka } from '@herald/kafka';
import { benchOrderRecord } from './bench-records';
import { endOffsets, ensureTopics, produceAll, readFrom, skipToEnd } from './bench-kafka';
import { percentilesWithMisses, sleep, throughput, type LatencyPercentiles, type Throughput } from './bench-stats';
import { spawnReady, stopChildren } from './child-stage';
import { openLoop } from './open-loop';
import { progress } from './progress';
import { ProcessSampler, type ProcessStats } from './samplers';

export const HOPS = 5;
export type RawClient = 'kafkajs' | 'platformatic';

export interface RawResult extends Throughput {
  client: RawClient;
  processes: Record<string, ProcessStats>;
  /** The same hops at a fixed open-loop rate, after the throughput run (the low-rate reference). */
  lowRate?: RawLowRate;
}

export interface RawLowRate {
  rate: number;
  seconds: number;
  /** Event -> record on the last topic, over every record sent (misses rank last). */
  endToEnd: LatencyPercentiles;
  /** CPU of each hop and of the broker while the records were sent. */
  processes: Record<string, ProcessStats>;
  /** The 5 hops and the broker, % of one core: what the client and broker alone need at this rate. */
  machineCpuPct: number;
}

export interface RawLowRateOptions {
  rate: number;
  seconds: number;
  /** The broker's pid when it runs on this machine, so its CPU is part of the figure. */
  brokerPid?: number;
}

export async function runRawChain(
  kafka: Kafka,
  client: RawClient,
  records: number,
  timeoutMs = 180000,
  low?: RawLowRateOptions,
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
    const lowAt = new Map<string, number>();
    let finished!: () => void;
    const all = new Promise<void>((r) => (finished = r));
    const stopReader = await readFrom(kafka, topicOf(HOPS), ends[HOPS], (_p, messages) => {
      for (const m of messages) {
        const id = m.headers?.ce_id?.toString() ?? '';
        if (id.startsWith(`${runId}-`) && !doneAt.has(id)) doneAt.set(id, Number(m.timestamp));
        else if (id.startsWith(`${runId}l-`) && !lowAt.has(id)) lowAt.set(id, Number(m.timestamp));
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
    const result: RawResult = { client, ...throughput(start, [...doneAt.values()]), processes };
    if (low) result.lowRate = await lowRatePhase(kafka, topicOf(0), runId, hops, low, lowAt, client);
    await stopReader();
    return result;
  } finally {
    await stopChildren(hops);
  }
}

/** Open-loop records at `o.rate` through the running hops; `arrived` fills from the last topic's reader. */
async function lowRatePhase(
  kafka: Kafka,
  firstTopic: string,
  runId: string,
  hops: ChildProcess[],
  o: RawLowRateOptions,
  arrived: Map<string, number>,
  client: RawClient,
): Promise<RawLowRate> {
  const pids: Record<string, number> = Object.fromEntries(hops.map((c, i) => [`hop ${i + 1}`, c.pid!]));
  if (o.brokerPid) pids['kafka broker'] = o.brokerPid;
  const sampler = new ProcessSampler(pids);
  sampler.start();
  const { scheduled } = await openLoop(
    kafka,
    firstTopic,
    o.rate,
    o.seconds,
    (i) => benchOrderRecord(i, `${runId}l`),
    `raw ${client}, ${o.rate} msg/s open loop`,
  );
  const processes = sampler.stop();
  for (const deadline = Date.now() + 15000; arrived.size < scheduled.size && Date.now() < deadline;) await sleep(200);
  const latencies = [...scheduled].flatMap(([id, at]) => (arrived.has(id) ? [arrived.get(id)! - at] : []));
  const machineCpuPct = Object.keys(pids).reduce((a, n) => a + (processes[n]?.avgCpuPct ?? 0), 0);
  return {
    rate: o.rate,
    seconds: o.seconds,
    endToEnd: percentilesWithMisses(latencies, scheduled.size),
    processes,
    machineCpuPct,
  };
}
