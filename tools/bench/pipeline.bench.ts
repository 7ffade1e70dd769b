// `npm run bench -- pipeline`: Herald end to end against the ceiling (a 5-process passthrough that
// decodes and re-encodes every record) and against @nestjs/microservices, latency at fixed
// open-loop rates, what each message costs the broker and PostgreSQL, CPU per process and per
// message, idle CPU, and the summary with each target met or missed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Admin, Kafka } from '@herald/kafka';
import { DomainTopics } from '@herald/contracts';
import { runAlternative, type AltResult } from './alt-chain.bench';
import { ALT_SCHEMA } from './alt-stages';
import { benchKafka } from './bench-kafka';
import { sleep } from './bench-stats';
import { batchesBetween, snapshotBatches, type TopicBatches } from './batch-stats';
import { cpuMsPerMessage, latencyRates } from './cost-math';
import { runHeraldLatency, type HeraldLatency } from './herald-latency.bench';
import {
  GROUPS,
  SERVICE_NAMES,
  benchServiceEnv,
  brokerPid,
  smppPort,
  startHerald,
  stopServices,
  type RunningHerald,
} from './herald-pipeline';
import { runHeraldThroughput, type HeraldThroughput } from './herald-throughput.bench';
import { isBenchDatabase, recreateBenchDatabase, vacuumHeraldTables } from './pg-hygiene';
import { costsBetween, snapshotCosts, type CostProbe, type PhaseCosts } from './phase-costs';
import {
  buildSummary,
  checkTargets,
  type PipelineSummary,
  type SummaryInput,
  type TargetCheck,
} from './pipeline-summary';
import { runRawChain, type RawResult } from './raw-chain.bench';
import { LagSampler, ProcessSampler, type ProcessStats } from './samplers';
import { startOtlpSink } from './otlp-sink';

export interface PipelineBenchOptions {
  rawRecords: number;
  heraldRecords: number;
  /** Measured window of the alternative (>= 20 s to be stable), after its warm-up. */
  altSeconds: number;
  altWarmupSeconds: number;
  /** The fixed low rate of the latency phases (msg/s); the others are fractions of the capacity. */
  lowRate: number;
  capacityFractions: number[];
  latencySeconds: number;
  idleSeconds: number;
  /** Directory for CPU profiles of every Herald process (cpu-profile.preload), or '' for none. */
  cpuProfDir: string;
  /**
   * Unset: tracing off (no OTEL endpoint, no SDK started). A number 0..1: tracing on, spans exported
   * (OTLP/HTTP protobuf, the default) to a local sink, root traces kept with this probability.
   */
  tracingRatio?: number;
}

/** Herald's services (the simulator is the carrier, not Herald). */
const HERALD_SERVICES = SERVICE_NAMES.filter((s) => s !== 'smsc-simulator');

export interface Costed {
  /** Records, rows and round trips of the phase (totals and per topic / table / service). */
  costs: PhaseCosts;
  /** Records and batches each service handled in the phase, per topic (from its own metrics). */
  batches: TopicBatches[];
}

export interface HeraldPhase extends HeraldThroughput, Costed {
  processes: Record<string, ProcessStats>;
  /** CPU milliseconds per published event, per process. */
  cpuMsPerMessage: Record<string, number>;
  lag: Record<string, Array<[number, number]>>;
  /** Most members seen in each Herald group (1 expected). */
  groupMembers: Record<string, number>;
}

export interface PipelineBenchResult {
  summary: PipelineSummary;
  targets: TargetCheck[];
  at: string;
  /** Load average (1 min) when each phase ended: other work on this shared machine skews the figures. */
  machine: {
    cpus: number;
    node: string;
    load1: Record<string, number>;
    autovacuum: string;
    database: string;
    brokers: string;
  };
  options: PipelineBenchOptions;
  /** How long each phase took, in seconds (the whole run is their sum plus start-up). */
  phaseSeconds: Record<string, number>;
  raw: RawResult;
  rawPlatformatic: RawResult;
  herald: HeraldPhase;
  latency: Array<HeraldLatency & Costed>;
  idle: { seconds: number; processes: Record<string, ProcessStats> };
  alternative: AltResult;
}

interface Ctx {
  kafka: Kafka;
  admin: Admin;
  herald: RunningHerald;
  probe: CostProbe;
  pids: Record<string, number>;
  metricsUrls: Record<string, string>;
}

/**
 * How long counters trail the work: committed offsets by the commit interval, and pg_stat_* by up
 * to PGSTAT_IDLE_INTERVAL (10 s): a backend that flushed its counts less than a second before going
 * idle reports the rest only when that timeout fires.
 */
const SETTLE_MS = 11000;

/** Runs `phase`, then waits for the services' offset commits and PostgreSQL's stats to land. */
async function costed<T>(c: Ctx, phase: () => Promise<T>): Promise<T & Costed> {
  const before = await snapshotCosts(c.probe);
  const batchesBefore = await snapshotBatches(c.metricsUrls);
  const result = await phase();
  await sleep(SETTLE_MS);
  const after = await snapshotCosts(c.probe);
  return {
    ...result,
    costs: costsBetween(before, after, c.probe.producedTopics),
    batches: batchesBetween(batchesBefore, await snapshotBatches(c.metricsUrls)),
  };
}

async function throughputPhase(c: Ctx, records: number): Promise<HeraldPhase> {
  const procs = new ProcessSampler(c.pids);
  const lag = new LagSampler(c.admin, GROUPS);
  procs.start();
  lag.start();
  try {
    const r = await costed(c, () => runHeraldThroughput(c.kafka, records));
    const processes = procs.stop();
    const cpu = Object.fromEntries(Object.entries(processes).map(([k, p]) => [k, p.cpuSeconds]));
    return {
      ...r,
      processes,
      cpuMsPerMessage: cpuMsPerMessage(cpu, r.published),
      lag: await lag.stop(),
      groupMembers: lag.members,
    };
  } catch (e) {
    procs.stop();
    await lag.stop();
    throw e;
  }
}

function benchDatabaseUrl(databaseUrl: string): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const u = new URL(databaseUrl);
  u.pathname = '/herald_bench';
  return u.toString();
}

function manifestTopics(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const topics = require(path.resolve(__dirname, '../../../tools/platform/topics.js')) as {
    expandSpecs(s: unknown): Array<{ name: string }>;
    readTopicManifest(): unknown;
  };
  return topics.expandSpecs(topics.readTopicManifest()).map((s) => s.name);
}

const rawLowPoint = (r: RawResult) => {
  const l = r.lowRate;
  return l
    ? {
        msgPerSec: l.rate,
        p50Ms: l.endToEnd.p50,
        p99Ms: l.endToEnd.p99,
        misses: l.endToEnd.misses,
        machineCpuPct: l.machineCpuPct,
      }
    : { msgPerSec: NaN, p50Ms: NaN, p99Ms: NaN, misses: NaN, machineCpuPct: NaN };
};

const sum = (procs: Record<string, ProcessStats>, names: string[]) =>
  names.reduce((a, n) => a + (procs[n]?.avgCpuPct ?? 0), 0);

export async function runPipelineBench(
  brokers: string[],
  databaseUrl: string,
  o: PipelineBenchOptions,
  log: (line: string) => void,
): Promise<PipelineBenchResult> {
  const kafka = benchKafka(brokers);
  const load1: Record<string, number> = { start: os.loadavg()[0] };
  const phaseSeconds: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await f();
    phaseSeconds[name] = Math.round((Date.now() - t) / 100) / 10;
    load1[name] = os.loadavg()[0];
    return r;
  };
  // Each passthrough then runs at the low rate too: what the client and broker alone cost there.
  const rawLow = { rate: o.lowRate, seconds: o.latencySeconds, brokerPid: brokerPid(brokers) };
  log(
    `phase 1/6: ceiling, raw kafkajs passthrough, 5 processes, ${o.rawRecords} records, then ${o.lowRate} msg/s for ${o.latencySeconds} s`,
  );
  const raw = await timed('ceiling', () => runRawChain(kafka, 'kafkajs', o.rawRecords, undefined, rawLow));
  log(`phase 2/6: reference, the same with @platformatic/kafka`);
  const rawPlatformatic = await timed('platformatic', () =>
    runRawChain(kafka, 'platformatic', o.rawRecords, undefined, rawLow),
  );

  const dbUrl = benchDatabaseUrl(databaseUrl);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require(path.resolve(__dirname, '../../../tools/platform/postgres.js')) as {
    ensureDatabases(url: string, names: string[]): Promise<unknown>;
    databaseNameOf(url: string): string;
    databaseUrlFor(url: string, name: string): string;
  };
  const dbName = pg.databaseNameOf(dbUrl);
  // The bench's own database starts empty; any other (BENCH_DATABASE_URL) is only vacuumed.
  if (isBenchDatabase(dbName)) await recreateBenchDatabase(pg.databaseUrlFor(dbUrl, 'postgres'), dbName);
  else await pg.ensureDatabases(dbUrl, [dbName]);
  const autovacuum = await vacuumHeraldTables(dbUrl);
  const queryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-bench-pg-'));
  log(`starting Herald (simulator + 5 services, separate processes) on database ${pg.databaseNameOf(dbUrl)}`);
  const sink = o.tracingRatio === undefined ? undefined : await startOtlpSink();
  const tracingEnv: Record<string, string> = sink
    ? {
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: String(o.tracingRatio),
      }
    : {};
  if (sink)
    log(
      `tracing on: root traces kept with probability ${o.tracingRatio}, spans exported to an OTLP sink at ${sink.url}`,
    );
  const herald = await startHerald(kafka, {
    DATABASE_URL: dbUrl,
    ...benchServiceEnv(queryDir, o.cpuProfDir),
    ...tracingEnv,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const broker = rawLow.brokerPid;
    const services = Object.fromEntries(Object.entries(herald.pids).filter(([k]) => k !== 'smsc-simulator'));
    const pids = { ...herald.pids, ...(broker ? { 'kafka broker': broker } : {}), bench: process.pid };
    const topics = manifestTopics();
    const domain = new Set<string>(DomainTopics);
    const c: Ctx = {
      kafka,
      admin,
      herald,
      pids,
      metricsUrls: Object.fromEntries(HERALD_SERVICES.map((s) => [s, herald.pipeline.managementUrl(s, '/metrics')])),
      probe: {
        admin,
        databaseUrl: dbUrl,
        topics,
        producedTopics: topics.filter((t) => !domain.has(t)),
        groups: Object.keys(GROUPS),
        queryPids: services,
        queryDir,
        excludeSchemas: [ALT_SCHEMA],
      },
    };
    // Start-up work (migrations, first polls) must land in no phase's counters.
    await sleep(SETTLE_MS);
    log(`phase 3/6: Herald end to end, ${o.heraldRecords} events as fast as possible`);
    const heraldResult = await timed('herald', () => throughputPhase(c, o.heraldRecords));
    const latency: Array<HeraldLatency & Costed> = [];
    for (const { label, rate } of latencyRates(heraldResult.sustained, o.lowRate, o.capacityFractions)) {
      log(`phase 4/6: latency at ${rate} msg/s (${label}) for ${o.latencySeconds} s, open loop`);
      latency.push(
        await timed(`latency ${label}`, () =>
          costed(c, () => runHeraldLatency(kafka, { label, rate, seconds: o.latencySeconds, pids })),
        ),
      );
    }
    log(`phase 5/6: idle, ${o.idleSeconds} s without traffic`);
    const idle = await timed('idle', async () => {
      await sleep(5000);
      const sampler = new ProcessSampler(pids);
      sampler.start();
      await sleep(o.idleSeconds * 1000);
      return { seconds: o.idleSeconds, processes: sampler.stop() };
    });
    log(
      `phase 6/6: @nestjs/microservices, 5 processes, Herald's services stopped, ${o.altWarmupSeconds} s warm-up + ${o.altSeconds} s measured`,
    );
    await stopServices(herald);
    const alternative = await timed('alternative', () =>
      runAlternative(kafka, dbUrl, { seconds: o.altSeconds, warmupSeconds: o.altWarmupSeconds, smppPort: smppPort() }),
    );

    const low = latency[0];
    const half = latency.find((l) => l.label === '50% of capacity');
    const names = Object.keys(services);
    const peakRss = Object.fromEntries(
      names.map((n) => [
        n,
        Math.max(
          heraldResult.processes[n]?.peakRssMb ?? 0,
          ...latency.map((l) => l.processes[n]?.peakRssMb ?? 0),
          idle.processes[n]?.peakRssMb ?? 0,
        ),
      ]),
    );
    const meanBatch =
      heraldResult.batches.reduce((a, b) => a + b.records, 0) /
      Math.max(
        1,
        heraldResult.batches.reduce((a, b) => a + b.batches, 0),
      );
    const input: SummaryInput = {
      ceilingMsgPerSec: raw.sustained,
      platformaticMsgPerSec: rawPlatformatic.sustained,
      heraldMsgPerSec: heraldResult.sustained,
      alternativeMsgPerSec: alternative.sustained,
      published: heraldResult.published,
      missingFinals: heraldResult.missing,
      recordsProduced: heraldResult.costs.totals.recordsProduced,
      recordsConsumed: heraldResult.costs.totals.recordsConsumed,
      rowWrites: heraldResult.costs.totals.rowWrites,
      roundTrips: heraldResult.costs.totals.queries,
      transactions: heraldResult.costs.totals.transactions,
      meanBatch,
      idleCpuPctPerService: Object.fromEntries(names.map((n) => [n, idle.processes[n]?.avgCpuPct ?? NaN])),
      peakRssMbPerService: peakRss,
      lowRate: {
        msgPerSec: low.rate,
        p50Ms: low.endToEnd.p50,
        p99Ms: low.endToEnd.p99,
        misses: low.endToEnd.misses,
        machineCpuPct: sum(low.processes, [...names, 'kafka broker', 'postgres (all)']),
      },
      halfCapacity: half
        ? { msgPerSec: half.rate, p50Ms: half.endToEnd.p50, p99Ms: half.endToEnd.p99, misses: half.endToEnd.misses }
        : { msgPerSec: NaN, p50Ms: NaN, p99Ms: NaN, misses: NaN },
      ceilingLowRate: rawLowPoint(raw),
      platformaticLowRate: rawLowPoint(rawPlatformatic),
      benchCpuPct: {
        throughput: heraldResult.processes.bench?.avgCpuPct ?? NaN,
        lowRate: low.processes.bench?.avgCpuPct ?? NaN,
      },
      cpuMsPerMessage: {
        heraldServices: names.reduce((a, k) => a + (heraldResult.cpuMsPerMessage[k] ?? 0), 0),
        broker: heraldResult.cpuMsPerMessage['kafka broker'] ?? NaN,
        postgres: heraldResult.cpuMsPerMessage['postgres (all)'] ?? NaN,
        machine: heraldResult.cpuMsPerMessage['machine (all)'] ?? NaN,
      },
    };
    return {
      summary: buildSummary(input),
      targets: checkTargets(buildSummary(input, true)),
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        load1,
        autovacuum,
        database: pg.databaseNameOf(dbUrl),
        brokers: brokers.join(','),
      },
      options: o,
      phaseSeconds,
      raw,
      rawPlatformatic,
      herald: heraldResult,
      latency,
      idle,
      alternative,
    };
  } finally {
    await herald.stop();
    await admin.disconnect();
    fs.rmSync(queryDir, { recursive: true, force: true });
    if (sink) {
      const { requests, bytes } = sink.stats();
      log(`tracing: the OTLP sink received ${requests} export requests, ${(bytes / 1e6).toFixed(1)} MB`);
      await sink.stop();
    }
  }
}
