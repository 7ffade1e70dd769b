import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createKafkaClient } from '@herald/kafka';
import { createLogger } from '@herald/observability';
import { BaseServiceConfig, kafkaOptionsFromConfig, loadConfig } from '@herald/service-kit';
import { TEST_PII_KEYS, TEST_RECIPIENT_TOKEN_KEY, waitFor } from '@herald/testing';
import { repoRoot } from './generated-file';

// A second, throwaway broker with a SASL_SSL listener (SCRAM-SHA-512 users created by
// `kafka-storage format --add-scram`, TLS with a self-signed certificate made by keytool), to prove
// that a client configured only through KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_* can produce and
// consume. It never touches the shared broker on 19092.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureJars, runKafkaTool } = require('../platform/kafka.js') as {
  ensureJars(): Promise<string>;
  runKafkaTool(main: string, args: string[], o?: { timeoutMs?: number }): Promise<{ code: number; stdout: string; stderr: string }>;
};

const PASSWORD = 'herald-scram-password-0123';
const STORE_PASSWORD = 'changeit-test-only';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function keytool(args: string[]): void {
  const r = spawnSync('keytool', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`keytool ${args[0]} failed: ${r.stderr || r.stdout}`);
}

describe('Kafka over SASL_SSL (SCRAM-SHA-512) through kafkaOptionsFromConfig', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-sasl-'));
  let broker: ChildProcess | undefined;
  let port = 0;
  let caPem = '';

  const clientConfig = (overrides: Record<string, string> = {}) =>
    loadConfig(BaseServiceConfig, {
      KAFKA_BROKERS: `127.0.0.1:${port}`,
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_USERNAME: 'herald',
      KAFKA_SASL_PASSWORD: PASSWORD,
      RECIPIENT_TOKEN_KEY: TEST_RECIPIENT_TOKEN_KEY,
      PII_ENCRYPTION_KEYS: TEST_PII_KEYS,
      ...overrides,
    });
  // The config has no CA key: a private CA reaches Node through NODE_EXTRA_CA_CERTS in a deployment;
  // in-process the test hands the PEM to the same security options.
  const kafkaFor = (overrides: Record<string, string> = {}) => {
    const options = kafkaOptionsFromConfig('sasl-ssl-test', clientConfig(overrides));
    options.security = { ...options.security!, caPem };
    return createKafkaClient(options, createLogger('sasl-ssl-test', 'silent'));
  };

  beforeAll(async () => {
    const lib = await ensureJars();
    [port] = [await freePort()];
    const controllerPort = await freePort();
    const keystore = path.join(dir, 'broker.p12');
    keytool(['-genkeypair', '-alias', 'broker', '-keyalg', 'RSA', '-keysize', '2048', '-validity', '2', '-dname', 'CN=localhost',
      '-ext', 'SAN=ip:127.0.0.1,dns:localhost', '-storetype', 'PKCS12', '-keystore', keystore, '-storepass', STORE_PASSWORD, '-keypass', STORE_PASSWORD]);
    keytool(['-exportcert', '-rfc', '-alias', 'broker', '-keystore', keystore, '-storepass', STORE_PASSWORD, '-file', path.join(dir, 'ca.pem')]);
    caPem = fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8');
    // The broker is its own client on the inter-broker listener, so it must trust its own certificate.
    const truststore = path.join(dir, 'trust.p12');
    keytool(['-importcert', '-noprompt', '-alias', 'broker', '-file', path.join(dir, 'ca.pem'), '-storetype', 'PKCS12', '-keystore', truststore, '-storepass', STORE_PASSWORD]);
    const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${PASSWORD}";`;
    const props = path.join(dir, 'server.properties');
    fs.writeFileSync(props, [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=SASL_SSL://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=SASL_SSL://127.0.0.1:${port}`,
      'listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT',
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=SASL_SSL',
      'sasl.enabled.mechanisms=SCRAM-SHA-512',
      'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
      `listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=${jaas}`,
      `ssl.keystore.location=${keystore}`,
      'ssl.keystore.type=PKCS12',
      `ssl.keystore.password=${STORE_PASSWORD}`,
      `ssl.key.password=${STORE_PASSWORD}`,
      `ssl.truststore.location=${truststore}`,
      'ssl.truststore.type=PKCS12',
      `ssl.truststore.password=${STORE_PASSWORD}`,
      `log.dirs=${path.join(dir, 'data')}`,
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      'num.network.threads=1',
      'num.io.threads=1',
      '',
    ].join('\n'));
    const id = await runKafkaTool('kafka.tools.StorageTool', ['random-uuid']);
    const clusterId = id.stdout.trim().split('\n').pop() as string;
    const format = await runKafkaTool('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', props,
      '--add-scram', `SCRAM-SHA-512=[name=herald,password=${PASSWORD}]`,
      '--add-scram', `SCRAM-SHA-512=[name=admin,password=${PASSWORD}]`]);
    if (format.code !== 0) throw new Error(`kafka-storage format failed: ${format.stderr}${format.stdout}`);
    const log = fs.openSync(path.join(dir, 'broker.log'), 'a');
    broker = spawn('java', ['-Xms128m', '-Xmx384m', '-cp', `${lib}${path.sep}*`, `-Dlog4j.configuration=file:${path.join(repoRoot(), 'tools/platform/kafka/log4j.properties')}`, 'kafka.Kafka', props], {
      stdio: ['ignore', log, log],
    });
    await waitFor('the SASL_SSL broker to serve metadata', async () => {
      if (broker?.exitCode !== null) throw new Error(`broker exited: ${fs.readFileSync(path.join(dir, 'broker.log'), 'utf8').slice(-2000)}`);
      const admin = kafkaFor().admin();
      try {
        await admin.connect();
        await admin.listTopics();
        return true;
      } catch {
        return false;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }, 90_000, 1000);
  });

  afterAll(async () => {
    if (broker && broker.exitCode === null) {
      const exited = new Promise((r) => broker!.once('exit', r));
      broker.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (broker.exitCode === null) broker.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('produces and consumes with SCRAM-SHA-512 over TLS', async () => {
    const kafka = kafkaFor();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'sasl.check', numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'sasl.check', acks: -1, messages: [{ key: 'k', value: 'over SASL_SSL' }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: 'sasl-check' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'sasl.check', fromBeginning: true });
    const got = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') });
    });
    await consumer.disconnect();
    expect(got).toBe('over SASL_SSL');
  });

  it('a wrong password is refused by the broker', async () => {
    const admin = kafkaFor({ KAFKA_SASL_PASSWORD: 'not-the-password' }).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed|Authentication failed/i);
    await admin.disconnect().catch(() => undefined);
  });
});
