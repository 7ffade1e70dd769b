'use strict';
// Brings up what Herald needs locally: a Kafka broker, the `herald` database, the topics.
// Mode: external (KAFKA_BROKERS set) > docker (HERALD_USE_DOCKER=1 and a daemon) > local Maven-jar broker.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const kafka = require('./kafka');
const pg = require('./postgres');
const topics = require('./topics');
const { databaseName, kafkaPorts, platformDir } = require('./port-offset');

const ROOT = path.resolve(__dirname, '..', '..');
// Per port offset (HERALD_PORT_OFFSET): a moved Herald has its own env.json and database.
const ENV_FILE = path.join(platformDir(), 'env.json');
const DEFAULT_DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${databaseName()}`;

function readEnvFile() {
  try {
    return JSON.parse(fs.readFileSync(ENV_FILE, 'utf8'));
  } catch {
    return null;
  }
}

async function waitForBrokers(brokers, what, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await kafka.probe(brokers))) {
    if (Date.now() > deadline) throw new Error(`${what} ${brokers} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((res) => setTimeout(res, 500));
  }
  return brokers;
}

function startDocker() {
  // docker-compose.yml publishes the broker on ${KAFKA_PORT:-19092}: the offset moves it there too.
  const env = { ...process.env, KAFKA_PORT: String(kafkaPorts().port) };
  const r = spawnSync('docker', ['compose', 'up', '-d', 'kafka', 'postgres'], { cwd: ROOT, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`docker compose up -d kafka postgres failed (exit ${r.status})`);
  return waitForBrokers(`127.0.0.1:${kafkaPorts().port}`, 'Kafka container on');
}

/** Resolves { brokers, databaseUrl, startedBroker, mode, topics } and writes .platform/env.json. */
async function up({ withTopics = true } = {}) {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  pg.parseUrl(databaseUrl); // fail fast on a malformed URL, before starting anything
  let brokers;
  let mode;
  if (process.env.KAFKA_BROKERS) {
    brokers = await waitForBrokers(process.env.KAFKA_BROKERS, 'KAFKA_BROKERS', 30_000);
    mode = 'external';
  } else if (process.env.HERALD_USE_DOCKER === '1' && (await kafka.dockerAvailable())) {
    brokers = await startDocker();
    mode = 'docker';
  } else {
    brokers = (await kafka.startBroker()).brokers;
    mode = 'local';
  }

  await pg.waitForPostgres(databaseUrl, 30_000, { startStopped: true });
  await pg.ensureDatabases(databaseUrl, [pg.databaseNameOf(databaseUrl)]);

  let topicResult = null;
  if (withTopics && fs.existsSync(topics.MANIFEST)) {
    topicResult = await topics.ensureTopics(brokers, topics.readTopicManifest());
  }

  const startedBroker = mode !== 'external';
  fs.mkdirSync(path.dirname(ENV_FILE), { recursive: true });
  fs.writeFileSync(ENV_FILE, `${JSON.stringify({ brokers, databaseUrl, mode, startedBroker }, null, 2)}\n`);
  return { brokers, databaseUrl, startedBroker, mode, topics: topicResult };
}

/** Stops only what this repo started (never an external KAFKA_BROKERS cluster). */
async function down() {
  const env = readEnvFile();
  if (env && env.mode === 'docker') {
    spawnSync('docker', ['compose', 'stop', 'kafka', 'postgres'], { cwd: ROOT, stdio: 'inherit' });
  }
  // The pid file exists only for a broker this repo spawned, whatever env.json says.
  const stopped = await kafka.stopBroker();
  fs.rmSync(ENV_FILE, { force: true });
  return { stopped };
}

module.exports = { up, down, readEnvFile, ENV_FILE };
