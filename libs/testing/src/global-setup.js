// Jest global setup for the integration project. Order of preference:
// 1. KAFKA_BROKERS / DATABASE_URL given: use them as they are.
// 2. A Docker engine answers and neither is given: testcontainers (Kafka 3.9.1 + PostgreSQL 15).
// 3. Otherwise: the local platform (broker from the Maven jars, PostgreSQL on 127.0.0.1:5432).
const platform = require('../../../tools/platform/platform');
const { dockerAvailable } = require('../../../tools/platform/kafka');

module.exports = async function globalSetup() {
  const given = process.env.KAFKA_BROKERS || process.env.DATABASE_URL;
  if (!given && (await dockerAvailable())) {
    const { startContainers } = require('./containers');
    globalThis.__HERALD_CONTAINERS__ = await startContainers();
  }
  const env = await platform.up({ withTopics: true });
  process.env.KAFKA_BROKERS = env.brokers;
  process.env.DATABASE_URL = env.databaseUrl;
  globalThis.__HERALD_PLATFORM__ = env;
};
