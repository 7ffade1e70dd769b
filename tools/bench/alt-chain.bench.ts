// Phase 3, the obvious alternative: the same five stages on @nestjs/microservices' Kafka transport,
// one process per stage (as five services would be deployed), on bench.alt.h0..h5 and schema bench_alt.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { ALT_DDL, altTopic } from './alt-stages';
import { endOffsets, ensureTopics, produceAll, readFrom } from './bench-kafka';
import { throughput, type Throughput } from './bench-stats';
import { benchRun } from './herald-throughput.bench';
import { progress } from './progress';
import { ProcessSampler, type ProcessStats } from './samplers';

const root = path.resolve(__dirname, '../../..');
const STAGES = 5;

function spawnStage(stage: number, groupId: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', path.join(root, 'tools/runtime/register.js'), path.join(__dirname, 'alt-stage.main.js'), String(stage), groupId], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d) => process.stderr.write(`[alt stage ${stage}] ${d}`));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`alt stage ${stage} not ready after 60 s`)), 60000);
    child.stdout!.on('data', (d) => {
      if (String(d).includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`alt stage ${stage} exited with ${code}`)));
  });
}

export interface AltResult extends Throughput {
  processes: Record<string, ProcessStats>;
}

export async function runAlternative(kafka: Kafka, databaseUrl: string, records: number, stallMs = 30000): Promise<AltResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  for (const sql of ALT_DDL) await pool.query(sql);
  await pool.end();
  const runTag = randomUUID().slice(0, 8);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, Array.from({ length: STAGES + 1 }, (_, h) => altTopic(h)));
  const groups = Array.from({ length: STAGES }, (_, i) => `bench-alt-${runTag}-s${i + 1}`);
  for (let s = 1; s <= STAGES; s++) await admin.setOffsets({ groupId: groups[s - 1], topic: altTopic(s - 1), partitions: await endOffsets(admin, altTopic(s - 1)) });
  const outFrom = await endOffsets(admin, altTopic(STAGES));
  await admin.disconnect();

  const children = await Promise.all(groups.map((g, i) => spawnStage(i + 1, g)));
  const sampler = new ProcessSampler(Object.fromEntries(children.map((c, i) => [`alt stage ${i + 1}`, c.pid!])));
  const { runId, record } = benchRun();
  const doneAt: number[] = [];
  let movedAt = Date.now();
  const stopReader = await readFrom(kafka, altTopic(STAGES), outFrom, (_p, messages) => {
    for (const m of messages) if (m.headers?.ce_id?.toString().startsWith(`${runId}-`)) doneAt.push(Number(m.timestamp));
    movedAt = Date.now();
    progress('nest microservices, 5 stages', Math.min(doneAt.length, records), records);
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  sampler.start();
  const start = Date.now();
  await produceAll(producer, altTopic(0), records, record);
  movedAt = Date.now();
  while (doneAt.length < records && Date.now() - movedAt < stallMs) await new Promise((r) => setTimeout(r, 200));
  const processes = sampler.stop();
  await producer.disconnect();
  await stopReader();
  await Promise.all(
    children.map((c) => {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      return exited;
    }),
  );
  return { ...throughput(start, doneAt), processes };
}
