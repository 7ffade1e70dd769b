#!/usr/bin/env node
'use strict';
// node tools/platform/cli.js up|down|status|topics|restart-broker
const platform = require('./platform');
const kafka = require('./kafka');
const topics = require('./topics');
const pg = require('./postgres');
const { databaseName, kafkaPorts } = require('./port-offset');

const brokersNow = () =>
  process.env.KAFKA_BROKERS || (platform.readEnvFile() || {}).brokers || `127.0.0.1:${kafkaPorts().port}`;

function printTopics(r) {
  if (!r) return;
  console.log(`topics: ${r.created.length} created, ${r.existing.length} already present`);
  for (const m of r.mismatched)
    console.log(`  warning: ${m.name} has ${m.partitions} partitions, manifest wants ${m.wanted}`);
}

const commands = {
  async up() {
    const r = await platform.up();
    if (!r.topics) console.log(`topics: skipped (${topics.MANIFEST} not found)`);
    printTopics(r.topics);
    console.log(`KAFKA_BROKERS=${r.brokers} DATABASE_URL=${r.databaseUrl}`);
  },
  async down() {
    const { stopped } = await platform.down();
    console.log(stopped ? 'broker stopped' : 'no broker started by this repo was running');
  },
  async status() {
    const env = platform.readEnvFile();
    const b = kafka.brokerStatus();
    const brokers = brokersNow();
    const url =
      process.env.DATABASE_URL || (env && env.databaseUrl) || `postgres://postgres@127.0.0.1:5432/${databaseName()}`;
    const pgOk = await pg.waitForPostgres(url, 0).then(
      () => 'up',
      (e) => e.message,
    );
    console.log(`mode: ${env ? env.mode : 'not up'}`);
    console.log(`local broker: ${b.running ? `running (pid ${b.pid}, port ${b.port})` : 'stopped'}`);
    console.log(`kafka ${brokers}: ${(await kafka.probe(brokers)) ? 'answering' : 'not answering'}`);
    console.log(`postgres: ${pgOk}`);
  },
  async topics() {
    printTopics(await topics.ensureTopics(brokersNow(), topics.readTopicManifest()));
  },
  async 'restart-broker'() {
    const r = await kafka.restartBroker();
    console.log(`broker restarted (pid ${r.pid}) KAFKA_BROKERS=${r.brokers}`);
  },
};

const cmd = process.argv[2];
if (!commands[cmd]) {
  console.error(`usage: node tools/platform/cli.js ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
commands[cmd]().then(
  () => process.exit(0), // exit explicitly: the detached broker must not keep this process around
  (e) => {
    console.error(`platform ${cmd}: ${e.message}`);
    process.exit(1);
  },
);
