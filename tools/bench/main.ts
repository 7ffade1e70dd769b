// `npm run bench [-- kafka|smpp|pipeline]`: brings up the platform, runs the selected benches,
// writes results/bench/<name>.json and .md, prints a summary table.
import fs from 'node:fs';
import path from 'node:path';
import { runKafkaBench, type HopResult } from './kafka-engine.bench';

const root = path.resolve(__dirname, '../../..');
const outDir = path.join(root, 'results', 'bench');

function table(results: HopResult[], baseline: string, alternative: string): string {
  const base = results.find((r) => r.name === baseline)!;
  const lines = ['| contender | records | seconds | records/s | vs raw kafkajs |', '|---|---:|---:|---:|---:|'];
  for (const r of results) lines.push(`| ${r.name} | ${r.records} | ${r.seconds.toFixed(2)} | ${r.perSecond} | ${((r.perSecond / base.perSecond) * 100).toFixed(0)}% |`);
  const herald = results.find((r) => r.name === 'herald-engine')!;
  const alt = results.find((r) => r.name === alternative)!;
  lines.push('', `Herald / raw kafkajs: ${((herald.perSecond / base.perSecond) * 100).toFixed(1)}% (target >= 80%)`);
  lines.push(`Herald / @nestjs/microservices: ${(herald.perSecond / alt.perSecond).toFixed(1)}x (target >= 5x)`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'kafka';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const platform = require(path.join(root, 'tools/platform/platform.js'));
  const env = await platform.up({ withTopics: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { testEnv } = require('@herald/testing') as typeof import('@herald/testing');
  process.env.KAFKA_BROKERS = env.brokers;
  process.env.DATABASE_URL = env.databaseUrl;
  fs.mkdirSync(outDir, { recursive: true });
  if (which === 'kafka') {
    const results = await runKafkaBench(env.brokers.split(','), { ...testEnv(), BENCH_ONLY: process.env.BENCH_ONLY ?? '', BENCH_MAX_BYTES_PER_PARTITION: process.env.BENCH_MAX_BYTES_PER_PARTITION ?? '1048576' });
    if (results.length < 3) {
      console.log(JSON.stringify(results));
      return;
    }
    const md = table(results, 'raw-kafkajs', 'nest-microservices');
    fs.writeFileSync(path.join(outDir, 'kafka.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
    fs.writeFileSync(path.join(outDir, 'kafka.md'), `${md}\n`);
    console.log(`\n${md}`);
  } else {
    throw new Error(`unknown bench "${which}" (kafka)`);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
