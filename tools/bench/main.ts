// `npm run bench [-- all|kafka|pipeline]`: brings up the platform, runs the selected benches (all:
// kafka then pipeline), writes results/bench/<name>.json and .md, prints a summary table. A broker
// the bench had to start itself is stopped at the end; one that was already running is left alone.
import fs from 'node:fs';
import path from 'node:path';
import { runKafkaBench, type HopResult } from './kafka-engine.bench';
import { runPipelineBench } from './pipeline.bench';
import { writePipelineResults } from './pipeline-report';

const root = path.resolve(__dirname, '../../..');
const outDir = path.join(root, 'results', 'bench');

function table(results: HopResult[], baseline: string, alternative: string): string {
  const base = results.find((r) => r.name === baseline)!;
  const lines = ['| contender | records | seconds | records/s | vs raw kafkajs |', '|---|---:|---:|---:|---:|'];
  for (const r of results)
    lines.push(
      `| ${r.name} | ${r.records} | ${r.seconds.toFixed(2)} | ${r.perSecond} | ${((r.perSecond / base.perSecond) * 100).toFixed(0)}% |`,
    );
  const herald = results.find((r) => r.name === 'herald-engine')!;
  const alt = results.find((r) => r.name === alternative)!;
  lines.push('', `Herald / raw kafkajs: ${((herald.perSecond / base.perSecond) * 100).toFixed(1)}% (target >= 80%)`);
  lines.push(`Herald / @nestjs/microservices: ${(herald.perSecond / alt.perSecond).toFixed(1)}x (target >= 5x)`);
  return lines.join('\n');
}

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback) || fallback;

async function kafkaBench(env: Record<string, string>): Promise<void> {
  const results = await runKafkaBench(env.KAFKA_BROKERS.split(','), env);
  if (results.length < 3) {
    console.log(JSON.stringify(results));
    return;
  }
  const md = table(results, 'raw-kafkajs', 'nest-microservices');
  fs.writeFileSync(path.join(outDir, 'kafka.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
  fs.writeFileSync(path.join(outDir, 'kafka.md'), `${md}\n`);
  console.log(`\n${md}`);
}

/** BENCH_TRACING_RATIO: unset or empty = tracing off; else the sampling ratio, 0..1. */
function tracingRatio(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ratio = Number(value);
  if (!(ratio >= 0 && ratio <= 1)) throw new Error(`BENCH_TRACING_RATIO must be a number from 0 to 1 (got "${value}")`);
  return ratio;
}

async function pipelineBench(brokers: string, databaseUrl: string): Promise<void> {
  const result = await runPipelineBench(
    brokers.split(','),
    databaseUrl,
    {
      rawRecords: num('BENCH_RAW_RECORDS', 60000),
      heraldRecords: num('BENCH_HERALD_RECORDS', 40000),
      altSeconds: num('BENCH_ALT_SECONDS', 30),
      altWarmupSeconds: num('BENCH_ALT_WARMUP_SECONDS', 5),
      lowRate: num('BENCH_LOW_RATE', 50),
      capacityFractions: (process.env.BENCH_CAPACITY_FRACTIONS ?? '0.25,0.5,0.75')
        .split(',')
        .map(Number)
        .filter((f) => f > 0 && f < 2),
      latencySeconds: num('BENCH_LATENCY_SECONDS', 20),
      idleSeconds: num('BENCH_IDLE_SECONDS', 30),
      cpuProfDir: process.env.BENCH_CPU_PROF_DIR ?? '',
      tracingRatio: tracingRatio(process.env.BENCH_TRACING_RATIO),
    },
    (line) => console.log(line),
  );
  console.log(`\n${writePipelineResults(outDir, result)}`);
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'all';
  if (!['all', 'kafka', 'pipeline'].includes(which)) throw new Error(`unknown bench "${which}" (all, kafka, pipeline)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const platform = require(path.join(root, 'tools/platform/platform.js'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const broker = require(path.join(root, 'tools/platform/kafka.js')) as {
    brokerStatus(): { running: boolean };
    stopBroker(): Promise<boolean>;
  };
  const brokerWasRunning = broker.brokerStatus().running;
  const env = await platform.up({ withTopics: true });
  const startedHere = env.mode === 'local' && !brokerWasRunning;
  const stopBroker = async () => {
    if (!startedHere) return;
    console.log('stopping the Kafka broker this bench started');
    await broker.stopBroker();
  };
  // Ctrl-C ends a long bench too: the broker it started must not outlive it then either.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void stopBroker().finally(() => process.exit(130)));
  try {
    await run(which, env);
  } finally {
    await stopBroker();
  }
}

async function run(which: string, env: { brokers: string; databaseUrl: string }): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { testEnv } = require('@herald/testing') as typeof import('@herald/testing');
  process.env.KAFKA_BROKERS = env.brokers;
  process.env.DATABASE_URL = env.databaseUrl;
  fs.mkdirSync(outDir, { recursive: true });
  if (which === 'all' || which === 'kafka') {
    await kafkaBench({
      ...testEnv(),
      BENCH_ONLY: process.env.BENCH_ONLY ?? '',
      BENCH_MAX_BYTES_PER_PARTITION: process.env.BENCH_MAX_BYTES_PER_PARTITION ?? '1048576',
    });
  }
  if (which === 'all' || which === 'pipeline') await pipelineBench(env.brokers, env.databaseUrl);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
