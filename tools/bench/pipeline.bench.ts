// `npm run bench -- pipeline`: Herald end to end against the ceiling (raw kafkajs through the same
// five hops) and against @nestjs/microservices, plus latency at a fixed rate and per-process costs.
import os from 'node:os';
import type { Admin } from 'kafkajs';
import { runAlternative, type AltResult } from './alt-chain.bench';
import { benchKafka } from './bench-kafka';
import { sleep, type Throughput } from './bench-stats';
import { runHeraldLatency, type HeraldLatency } from './herald-latency.bench';
import { batchesBetween, snapshotBatches, type TopicBatches } from './batch-stats';
import { GROUPS, SERVICE_NAMES, brokerPid, profilingEnv, startHerald } from './herald-pipeline';
import { runHeraldThroughput, type HeraldThroughput } from './herald-throughput.bench';
import { vacuumHeraldTables } from './pg-hygiene';
import { runRawChain } from './raw-chain.bench';
import { LagSampler, ProcessSampler, type ProcessStats } from './samplers';

export interface PipelineBenchOptions {
  rawRecords: number;
  heraldRecords: number;
  altRecords: number;
  latencyRate: number;
  latencySeconds: number;
  /** Directory for CPU profiles of every Herald process (cpu-profile.preload), or '' for none. */
  cpuProfDir: string;
}

export interface Observed {
  processes: Record<string, ProcessStats>;
  lag: Record<string, Array<[number, number]>>;
  /** Most members seen in each Herald group (1 expected). */
  groupMembers: Record<string, number>;
  /** Records and batches each service handled in the phase, per topic (from its own metrics). */
  batches: TopicBatches[];
}

export interface PipelineBenchResult {
  at: string;
  /** Load average (1 min) when each phase ended: other work on this shared machine skews the figures. */
  machine: { cpus: number; node: string; load1: Record<string, number>; autovacuum: string };
  options: PipelineBenchOptions;
  raw: Throughput;
  herald: HeraldThroughput & Observed;
  alternative: AltResult;
  latency: HeraldLatency & Observed;
}

/** Runs `phase` while sampling every process's RSS/CPU and every group's lag. */
async function observed<T>(admin: Admin, pids: Record<string, number>, metricsUrls: Record<string, string>, phase: () => Promise<T>): Promise<T & Observed> {
  const procs = new ProcessSampler(pids);
  const lag = new LagSampler(admin, GROUPS);
  const before = await snapshotBatches(metricsUrls);
  procs.start();
  lag.start();
  try {
    const result = await phase();
    const batches = batchesBetween(before, await snapshotBatches(metricsUrls));
    return { ...result, processes: procs.stop(), lag: await lag.stop(), groupMembers: lag.members, batches };
  } catch (e) {
    procs.stop();
    await lag.stop();
    throw e;
  }
}

export async function runPipelineBench(brokers: string[], databaseUrl: string, o: PipelineBenchOptions, log: (line: string) => void): Promise<PipelineBenchResult> {
  const kafka = benchKafka(brokers);
  const load1: Record<string, number> = { start: os.loadavg()[0] };
  log(`phase 1/4: raw kafkajs passthrough, 5 hops, ${o.rawRecords} records`);
  const raw = await runRawChain(kafka, o.rawRecords);
  load1.raw = os.loadavg()[0];
  const admin = kafka.admin();
  await admin.connect();
  log('vacuuming Herald\'s tables, then starting Herald (simulator + 5 services, separate processes)');
  const autovacuum = await vacuumHeraldTables(databaseUrl);
  const herald = await startHerald(kafka, o.cpuProfDir ? profilingEnv(o.cpuProfDir) : {});
  try {
    const broker = brokerPid();
    const pids = { ...herald.pids, ...(broker ? { 'kafka broker': broker } : {}), bench: process.pid };
    const metricsUrls = Object.fromEntries(SERVICE_NAMES.filter((s) => s !== 'smsc-simulator').map((s) => [s, herald.pipeline.url(s, '/metrics')]));
    log(`phase 2/4: Herald end to end, ${o.heraldRecords} events as fast as possible`);
    const heraldResult = await observed(admin, pids, metricsUrls, () => runHeraldThroughput(kafka, o.heraldRecords));
    load1.herald = os.loadavg()[0];
    await sleep(3000);
    log(`phase 3/4: latency at ${o.latencyRate} msg/s for ${o.latencySeconds} s (open loop)`);
    const latency = await observed(admin, pids, metricsUrls, () => runHeraldLatency(kafka, o.latencyRate, o.latencySeconds));
    load1.latency = os.loadavg()[0];
    log(`phase 4/4: @nestjs/microservices, 5 stages, ${o.altRecords} events`);
    const alternative = await runAlternative(kafka, databaseUrl, o.altRecords);
    load1.alternative = os.loadavg()[0];
    return { at: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version, load1, autovacuum }, options: o, raw, herald: heraldResult, alternative, latency };
  } finally {
    await herald.stop();
    await admin.disconnect();
  }
}
