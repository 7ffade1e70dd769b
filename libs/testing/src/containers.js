// Used only when a Docker engine is present and no KAFKA_BROKERS / DATABASE_URL was given.
module.exports.startContainers = async function startContainers() {
  const { KafkaContainer } = require('@testcontainers/kafka');
  const { PostgreSqlContainer } = require('@testcontainers/postgresql');
  const [kafka, pg] = await Promise.all([
    new KafkaContainer('apache/kafka:3.9.1').withKraft().start(),
    new PostgreSqlContainer('postgres:15').withDatabase('herald').start(),
  ]);
  process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  process.env.DATABASE_URL = pg.getConnectionUri();
  return [kafka, pg];
};
