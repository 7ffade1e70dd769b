// The alternative: the same five stages on @nestjs/microservices' Kafka transport, one process per
// stage (as five services would be deployed), on bench.alt.h0..h5 (+ bench.alt.dlr) and schema
// bench_alt. Herald's services are stopped by the caller first (only the SMSC simulator runs), so
// the two never share the cores. Measured by time, not by count: a backlog is kept ahead of stage 1
// and the rate is that of final records between the warm-up and the end of the window.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Kafka } from '@herald/kafka';
import { Pool } from 'pg';
import { ALT_DDL, ALT_DLR_TOPIC, altTopic } from './alt-stages';
import { endOffsets, ensureTopics, produceAll, readFrom, skipToEnd } from './bench-kafka';
import { perSecond, sleep } from './bench-stats';
import { spawnReady, stopChildren } from './child-stage';
import { benchRun } from './herald-throughput.bench';
import { progress } from './progress';
import { ProcessSampler, type ProcessStats } from './samplers';

const STAGES = 5;

export interface AltResult {
  /** Final records per second inside the measured window (after the warm-up). */
  sustained: number;
  windowSeconds: number;
  warmupSeconds: number;
  /** Final records inside the window, and over the whole phase. */
  records: number;
  totalRecords: number;
  published: number;
  series: Array<[number, number]>;
  processes: Record<string, ProcessStats>;
}

export async function runAlternative(
  kafka: Kafka,
  databaseUrl: string,
  o: { seconds: number; warmupSeconds: number; smppPort: number },
): Promise<AltResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  for (const sql of ALT_DDL) await pool.query(sql);
  await pool.end();
  const runTag = randomUUID().slice(0, 8);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [...Array.from({ length: STAGES + 1 }, (_, h) => altTopic(h)), ALT_DLR_TOPIC]);
  const groups = Array.from({ length: STAGES }, (_, i) => `bench-alt-${runTag}-s${i + 1}`);
  const inputs = (s: number) => (s === 5 ? [altTopic(4), ALT_DLR_TOPIC] : [altTopic(s - 1)]);
  const outFrom = await endOffsets(admin, altTopic(STAGES));
  await admin.disconnect();
  // Each new group committed at the end of its inputs (stage 5 reads two topics in one group).
  await Promise.all(groups.map((g, i) => skipToEnd(kafka, g, inputs(i + 1))));

  let children: ChildProcess[] = [];
  try {
    const env = { ...process.env, DATABASE_URL: databaseUrl, BENCH_SMPP_PORT: String(o.smppPort) };
    children = await Promise.all(
      groups.map((g, i) => spawnReady('alt-stage.main.js', [String(i + 1), g], `alt stage ${i + 1}`, env)),
    );
    const sampler = new ProcessSampler(Object.fromEntries(children.map((c, i) => [`alt stage ${i + 1}`, c.pid!])));
    const { runId, record } = benchRun();
    const seen = new Set<string>();
    const doneAt: number[] = [];
    const stopReader = await readFrom(kafka, altTopic(STAGES), outFrom, (_p, messages) => {
      for (const m of messages) {
        const id = m.headers?.ce_id?.toString() ?? '';
        if (id.startsWith(`${runId}-`) && !seen.has(id)) {
          seen.add(id);
          doneAt.push(Number(m.timestamp));
        }
      }
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    sampler.start();
    const start = Date.now();
    const end = start + (o.warmupSeconds + o.seconds) * 1000;
    // Keep 1,000-2,000 events queued ahead of stage 1: the chain never waits for input.
    let published = 0;
    while (Date.now() < end) {
      if (published - doneAt.length < 1000) {
        const from = published;
        await produceAll(producer, altTopic(0), 1000, (i) => record(from + i));
        published += 1000;
      }
      progress('nest microservices, 5 stages', Math.round((Date.now() - start) / 1000), o.warmupSeconds + o.seconds);
      await sleep(250);
    }
    const processes = sampler.stop();
    await producer.disconnect();
    await stopReader();
    const from = start + o.warmupSeconds * 1000;
    const inWindow = doneAt.filter((t) => t >= from && t < end).length;
    return {
      sustained: inWindow / o.seconds,
      windowSeconds: o.seconds,
      warmupSeconds: o.warmupSeconds,
      records: inWindow,
      totalRecords: doneAt.length,
      published,
      series: perSecond(
        start,
        doneAt.sort((a, b) => a - b),
      ),
      processes,
    };
  } finally {
    await stopChildren(children);
  }
}
