import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@herald/contracts';
import { createKafkaClient, fetchGroupLag } from '@herald/kafka';
import { createLogger } from '@herald/observability';
import { BaseServiceConfig, kafkaOptionsFromConfig, loadConfig } from '@herald/service-kit';
import { TEST_PII_KEYS, TEST_RECIPIENT_TOKEN_KEY, waitFor } from '@herald/testing';
import { repoRoot } from './generated-file';
import { aclBindingsOf } from './kafka-acl-bindings';
import { kafkaPrincipals, principalOf, type KafkaPrincipal } from './kafka-principals';

// A second, throwaway broker with a SASL_SSL listener (SCRAM-SHA-512 users created by
// `kafka-storage format --add-scram`, TLS with a self-signed certificate made by openssl, PEM stores) and the
// KRaft StandardAuthorizer, to prove that a client configured only through KAFKA_SECURITY_PROTOCOL /
// KAFKA_SASL_* can produce and consume, and that the generated ACLs confine each service's
// principal to its own topics and group. It never touches the shared broker on 19092; its ports
// are free ones picked at start.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureJars, runKafkaTool } = require('@herald/platform/kafka.js') as {
  ensureJars(): Promise<string>;
  runKafkaTool(
    main: string,
    args: string[],
    o?: { timeoutMs?: number },
  ): Promise<{ code: number; stdout: string; stderr: string }>;
};

const PASSWORD = 'herald-scram-password-0123';
const passwordOf = (user: string) => `${user}-scram-password-0123`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// openssl rather than keytool: each keytool run is a JVM start (seconds on a busy machine).
function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr || r.stdout}`);
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
      KAFKA_SASL_USERNAME: 'admin',
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
    const [key, cert, keystore] = ['broker.key', 'broker.pem', 'keystore.pem'].map((f) => path.join(dir, f));
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    caPem = fs.readFileSync(cert, 'utf8');
    // A PEM key store is the unencrypted PKCS#8 key followed by the certificate chain (KIP-651).
    fs.writeFileSync(keystore, fs.readFileSync(key, 'utf8') + caPem);
    const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${PASSWORD}";`;
    const props = path.join(dir, 'server.properties');
    fs.writeFileSync(
      props,
      [
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
        'ssl.keystore.type=PEM',
        // The broker is its own client on the inter-broker listener, so it must trust its own certificate.
        `ssl.truststore.location=${cert}`,
        'ssl.truststore.type=PEM',
        `log.dirs=${path.join(dir, 'data')}`,
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=1',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=false',
        'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
        // admin: the broker itself on the SASL_SSL inter-broker listener and this test's operator.
        // ANONYMOUS: the KRaft controller listener (PLAINTEXT, loopback only) the broker registers on.
        'super.users=User:admin;User:ANONYMOUS',
        'allow.everyone.if.no.acl.found=false',
        'num.network.threads=1',
        'num.io.threads=1',
        '',
      ].join('\n'),
    );
    // What `kafka-storage random-uuid` prints (a base64url UUID, never starting with '-'), without a JVM start.
    let clusterId = '-';
    while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
    const format = await runKafkaTool('kafka.tools.StorageTool', [
      'format',
      '-t',
      clusterId,
      '-c',
      props,
      '--add-scram',
      `SCRAM-SHA-512=[name=admin,password=${PASSWORD}]`,
      ...kafkaPrincipals().flatMap((p) => [
        '--add-scram',
        `SCRAM-SHA-512=[name=${p.user},password=${passwordOf(p.user)}]`,
      ]),
    ]);
    if (format.code !== 0) throw new Error(`kafka-storage format failed: ${format.stderr}${format.stdout}`);
    const log = fs.openSync(path.join(dir, 'broker.log'), 'a');
    broker = spawn(
      'java',
      [
        '-Xms128m',
        '-Xmx384m',
        '-cp',
        `${lib}${path.sep}*`,
        `-Dlog4j.configuration=file:${path.join(repoRoot(), 'tools/platform/kafka/log4j.properties')}`,
        'kafka.Kafka',
        props,
      ],
      {
        stdio: ['ignore', log, log],
      },
    );
    await waitFor(
      'the SASL_SSL broker to serve metadata',
      async () => {
        if (broker?.exitCode !== null)
          throw new Error(`broker exited: ${fs.readFileSync(path.join(dir, 'broker.log'), 'utf8').slice(-2000)}`);
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
      },
      90_000,
      500,
    );
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
    await admin.createTopics({
      topics: [{ topic: 'sasl.check', numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
    });
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

  it('a SASL protocol without a password stops the client before it connects', () => {
    expect(() => kafkaFor({ KAFKA_SASL_PASSWORD: '' })).toThrow(
      'invalid configuration: KAFKA_SECURITY_PROTOCOL: SASL_SSL needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD; missing: KAFKA_SASL_PASSWORD',
    );
  });

  it('a wrong password is refused by the broker', async () => {
    const admin = kafkaFor({ KAFKA_SASL_PASSWORD: 'not-the-password' }).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed|Authentication failed/i);
    await admin.disconnect().catch(() => undefined);
  });
  describe('the generated ACLs (kafka-principals.ts) applied to the broker', () => {
    const as = (p: KafkaPrincipal) =>
      kafkaFor({ KAFKA_SASL_USERNAME: p.user, KAFKA_SASL_PASSWORD: passwordOf(p.user) });
    const topics = [Topics.SmsRequestedV1, Topics.SmsApprovedV1, Topics.SmsOptoutsV1, Topics.SmsStatusV1];

    // Services' producers are idempotent (InitProducerId needs IdempotentWrite); kafkajs never retries an authorization error.
    async function produce(p: KafkaPrincipal, topic: string): Promise<string> {
      const producer = as(p).producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      try {
        await producer.connect();
        await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: `from ${p.user}` }] });
        return 'produced';
      } catch (e) {
        const err = e as { type?: string; name: string; message: string; cause?: { type?: string } };
        return err.type ?? err.cause?.type ?? `${err.name}: ${err.message}`;
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
    }

    /** Joins `groupId` as `p` and reads one record, or reports the error the group join failed with. */
    async function consumeOne(p: KafkaPrincipal | Kafka, groupId: string, topic: string): Promise<string> {
      const consumer = (p instanceof Kafka ? p : as(p)).consumer({
        groupId,
        retry: { retries: 0 },
        maxWaitTimeInMs: 100,
      });
      try {
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        return await new Promise<string>((resolve) => {
          consumer.on(consumer.events.CRASH, (e) =>
            resolve((e.payload.error as { type?: string }).type ?? e.payload.error.message),
          );
          consumer
            .run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') })
            .catch((e: { type?: string; message: string }) => resolve(e.type ?? e.message));
        });
      } catch (e) {
        return (e as { type?: string }).type ?? (e as Error).message;
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
    }

    beforeAll(async () => {
      const admin = kafkaFor().admin();
      await admin.connect();
      await admin.createTopics({
        topics: topics.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
        waitForLeaders: true,
      });
      await admin.createAcls({ acl: kafkaPrincipals().flatMap(aclBindingsOf) });
      await admin.disconnect();
      const producer = kafkaFor().producer();
      await producer.connect();
      await producer.send({
        topic: Topics.SmsRequestedV1,
        acks: -1,
        messages: [{ key: 'k', value: 'for templating' }],
      });
      await producer.disconnect();
    });

    it('compliance may produce to sms.approved.v1', async () => {
      expect(await produce(principalOf('compliance'), Topics.SmsApprovedV1)).toBe('produced');
    });

    it('templating may not produce to sms.approved.v1 (it cannot skip compliance)', async () => {
      expect(await produce(principalOf('templating'), Topics.SmsApprovedV1)).toBe('TOPIC_AUTHORIZATION_FAILED');
    });

    it('dispatch may not produce to sms.optouts.v1 (it cannot reverse an opt-out)', async () => {
      expect(await produce(principalOf('dispatch'), Topics.SmsOptoutsV1)).toBe('TOPIC_AUTHORIZATION_FAILED');
    });

    it('templating reads sms.requested.v1 in its own group', async () => {
      expect(await consumeOne(principalOf('templating'), 'templating', Topics.SmsRequestedV1)).toBe('for templating');
    });

    it('KEDA, which may only describe the templating group, is refused when it joins it', async () => {
      expect(await consumeOne(principalOf('keda'), 'templating', Topics.SmsRequestedV1)).toBe(
        'GROUP_AUTHORIZATION_FAILED',
      );
    });

    // kafkajs tries every broker for the coordinator and then throws "Failed to find group
    // coordinator" without the cause; its debug log keeps the broker's answer, so read that.
    it("templating is refused in compliance's group: the broker answers GROUP_AUTHORIZATION_FAILED", async () => {
      const p = principalOf('templating');
      const answers: string[] = [];
      const kafka = new Kafka({
        clientId: 'acl-check',
        brokers: [`127.0.0.1:${port}`],
        ssl: { ca: [caPem] },
        sasl: { mechanism: 'scram-sha-512', username: p.user, password: passwordOf(p.user) },
        logLevel: logLevel.DEBUG,
        logCreator:
          () =>
          ({ log }) => {
            const type = (log['error'] as { type?: string } | undefined)?.type;
            if (log.message === 'Tried to find group coordinator' && type) answers.push(type);
          },
      });
      expect(await consumeOne(kafka, 'compliance', Topics.SmsRequestedV1)).toBe('Failed to find group coordinator');
      expect(answers).toContain('GROUP_AUTHORIZATION_FAILED');
    });

    it("KEDA reads the templating group's lag and can produce nowhere", async () => {
      const admin = as(principalOf('keda')).admin();
      await admin.connect();
      try {
        const lag = await fetchGroupLag(admin, 'templating', [Topics.SmsRequestedV1]);
        expect(lag.map((p) => p.topic)).toEqual([Topics.SmsRequestedV1]);
      } finally {
        await admin.disconnect();
      }
      expect(await produce(principalOf('keda'), Topics.SmsStatusV1)).toMatch(/AUTHORIZATION_FAILED/);
    });
  });
});
