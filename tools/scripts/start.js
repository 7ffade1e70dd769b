#!/usr/bin/env node
// `npm start`: install if needed, build, bring up Kafka + PostgreSQL, start the SMSC simulator and the
// five services, wait until each answers /health/ready, then stay in the foreground. Ctrl-C stops
// everything this command started. `--no-demo` skips publishing the sample events.
const { ensureNodeModules, root } = require('./ensure-deps');
const { runStep } = require('./run-step');
const { SERVICES, devSecrets, dotenv, spawnService, waitReady } = require('../platform/services');

const children = new Map();
let platformStarted = false;
let stopping = false;

function printLine(name, line) {
  let rec;
  try {
    rec = JSON.parse(line);
  } catch {
    return void console.log(`[${name}] ${line}`);
  }
  if (rec.level === 'debug' || rec.level === 'trace') return;
  console.log(`[${name}] ${rec.level}: ${rec.msg ?? ''}`);
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping services...');
  await Promise.all([...children.values()].map((c) => new Promise((resolve) => {
    if (c.exitCode !== null) return resolve();
    const t = setTimeout(() => c.kill('SIGKILL'), 20000);
    c.once('exit', () => (clearTimeout(t), resolve()));
    c.kill('SIGTERM');
  })));
  if (platformStarted) await require('../platform/platform').down();
  console.log('stopped.');
  process.exit(code);
}

async function main() {
  process.chdir(root);
  ensureNodeModules();
  if (!runStep('build', 'npx', ['tsc', '-p', 'tsconfig.build.json']).ok) process.exit(1);
  const env = await require('../platform/platform').up({ withTopics: true });
  platformStarted = env.startedBroker;
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const childEnv = { ...devSecrets(), ...dotenv(), ...process.env, KAFKA_BROKERS: env.brokers, DATABASE_URL: env.databaseUrl };
  for (const svc of SERVICES) {
    const child = spawnService(svc, childEnv, printLine);
    children.set(svc.name, child);
    child.once('exit', (code, signal) => {
      if (!stopping) {
        console.error(`[${svc.name}] exited (${code ?? signal}); stopping everything`);
        void stopAll(1);
      }
    });
  }
  const started = Date.now();
  await Promise.all(SERVICES.map((s) => waitReady(s)));
  console.log(`\nall five services ready in ${((Date.now() - started) / 1000).toFixed(1)}s (simulator on SMPP 127.0.0.1:2775)`);
  for (const s of SERVICES) console.log(`  ${s.name.padEnd(15)} http://127.0.0.1:${s.port}${s.healthPath ?? '/health/ready'}`);
  if (!process.argv.includes('--no-demo')) {
    try {
      await require('./demo').runDemo(childEnv);
    } catch (e) {
      console.error(`demo failed: ${e.message}`);
    }
  }
  console.log('\nCtrl-C stops everything.');
}

main().catch((e) => {
  console.error(e.message);
  void stopAll(1);
});
