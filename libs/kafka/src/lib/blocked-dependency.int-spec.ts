import net from 'node:net';
import { Inject, Injectable, type INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { HeraldError, Topics, dlqTopicOf, type OrderPlacedV1, type SmsStatusV1 } from '@herald/contracts';
import { HealthRegistry, MetricsRegistry } from '@herald/observability';
import { KafkaProbe, uniqueId, waitFor } from '@herald/testing';
import { BatchContext, OnTopic, type ConsumedMessage } from '../index';
import { startKafkaTestApp } from '../spec-support/kafka-test-app';
import { DlqHeader } from './publish/dlq-record';

/** A TCP hop in front of the real PostgreSQL that the test can cut and restore: a database outage without stopping the shared server. */
class CuttableProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Refuses new connections and resets the open ones, as a stopped or failed-over server does. */
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

const PROCESSED = Symbol('PROCESSED');
// Other services (a running event-ingest) may answer the same shared order.placed records with statuses of their own.
const STATUS_SERVICE = 'engine-blocked-test';

/** Records each event id in PostgreSQL (counting repeats), then emits one status per event. */
@Injectable()
class RecordingHandler {
  constructor(@Inject(PROCESSED) private readonly db: { pool: Pool; table: string }) {}

  @OnTopic(Topics.OrderPlaced)
  async handle(batch: ConsumedMessage<OrderPlacedV1>[], ctx: BatchContext): Promise<void> {
    const ids = batch.map((m) => m.attributes.id);
    try {
      await this.db.pool.query(
        `INSERT INTO ${this.db.table} (id) SELECT unnest($1::text[]) ON CONFLICT (id) DO UPDATE SET n = ${this.db.table}.n + 1`,
        [ids],
      );
    } catch (e) {
      throw new HeraldError('DB_UNAVAILABLE', `recording: ${(e as Error).message}`, { cause: e });
    }
    for (const m of batch)
      ctx.publish(Topics.SmsStatusV1, statusFor(m.attributes.id), { key: m.attributes.id, parent: m });
  }
}

function statusFor(eventId: string): SmsStatusV1 {
  return {
    messageId: '00000000-0000-5000-8000-000000000000',
    status: 'failed',
    service: STATUS_SERVICE,
    at: new Date().toISOString(),
    reasonCode: 'CONFIG_INVALID',
    reason: 'test',
    meta: {
      sourceEventId: eventId,
      sourceEventType: 'order.placed',
      templateKey: 'order_placed',
      locale: 'en',
      category: 'transactional',
      country: 'FR',
      recipientToken: 'a'.repeat(64),
    },
  } as SmsStatusV1;
}

const order = (orderId: string): OrderPlacedV1 =>
  ({
    orderId,
    customer: { id: 'c-1', firstName: 'A', phone: '+33 6 12 34 56 78', locale: 'fr-FR' },
    total: { amount: '1.00', currency: 'EUR' },
  }) as OrderPlacedV1;

describe('libs/kafka engine when PostgreSQL goes away (real broker, real PostgreSQL)', () => {
  const probe = new KafkaProbe();
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald');
  const proxy = new CuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
  const table = `kafka_blocked_${uniqueId('t').replace(/\W/g, '_')}`.toLowerCase();
  const direct = new Pool({ connectionString: url.toString(), max: 1 });
  let pool: Pool;

  beforeAll(async () => {
    await proxy.up();
    const viaProxy = new URL(url.toString());
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    pool = new Pool({ connectionString: viaProxy.toString(), max: 2, connectionTimeoutMillis: 1000 });
    pool.on('error', () => undefined);
    await direct.query(`CREATE TABLE ${table} (id text PRIMARY KEY, n int NOT NULL DEFAULT 1)`);
  });

  afterAll(async () => {
    await direct.query(`DROP TABLE IF EXISTS ${table}`);
    await Promise.all([direct.end(), pool.end().catch(() => undefined), probe.close(), proxy.down()]);
  });

  it('blocks far past the retry budget, dead-letters nothing, then processes every record once and commits after', async () => {
    const service = uniqueId('engine-blocked');
    await probe.pinGroupAtEnd(service, [Topics.OrderPlaced]);
    // The bounded budget is ~1 s here (8 attempts, <= 200 ms apart): the outage below lasts 8 times that.
    const retry = { maxAttempts: 8, initialDelayMs: 50, maxDelayMs: 200, blockedMaxDelayMs: 1000 };
    const app: INestApplication = await startKafkaTestApp(
      service,
      [RecordingHandler, { provide: PROCESSED, useValue: { pool, table } }],
      { retry },
    );
    const admin = probe.client.admin();
    await admin.connect();
    // Per partition: other tests may publish to the same topic, so compare positions, never totals.
    const committed = async () =>
      new Map(
        (await admin.fetchOffsets({ groupId: service, topics: [Topics.OrderPlaced] }))[0].partitions.map((p) => [
          p.partition,
          Number(p.offset),
        ]),
      );
    const atLeast = (c: Map<number, number>, ends: Array<{ partition: number; offset: string }>) =>
      ends.every((e) => (c.get(e.partition) ?? -1) >= Number(e.offset));
    const atMost = (c: Map<number, number>, ends: Array<{ partition: number; offset: string }>) =>
      ends.every((e) => (c.get(e.partition) ?? -1) <= Number(e.offset));
    const blockedSeconds = async () => {
      const text = await app.get(MetricsRegistry).metricsText();
      return Number(/_kafka_consumer_blocked_seconds\{[^}]*dependency="postgresql"[^}]*\} ([\d.]+)/.exec(text)?.[1]);
    };
    try {
      const statusFrom = await probe.endOffsets(Topics.SmsStatusV1);
      const dlqFrom = await probe.endOffsets(dlqTopicOf(Topics.OrderPlaced));
      const before = Array.from({ length: 20 }, (_, i) => `${service}-a${i}`);
      const during = Array.from({ length: 40 }, (_, i) => `${service}-b${i}`);
      const ours = async () =>
        (await direct.query(`SELECT id, n FROM ${table} WHERE id LIKE $1`, [`${service}-%`])).rows as Array<{
          id: string;
          n: number;
        }>;
      for (const id of before) await probe.publishEvent(Topics.OrderPlaced, order(id), { id, key: id });
      const endBefore = await probe.endOffsets(Topics.OrderPlaced);
      await waitFor('the records before the outage', async () => (await ours()).length === before.length, 30000, 200);
      await waitFor('their offsets to be committed', async () => atLeast(await committed(), endBefore), 30000, 200);

      await proxy.down();
      const endAtOutage = await probe.endOffsets(Topics.OrderPlaced);
      for (const id of during) await probe.publishEvent(Topics.OrderPlaced, order(id), { id, key: id });
      const endDuring = await probe.endOffsets(Topics.OrderPlaced);
      await waitFor('the consumer to report itself blocked', async () => (await blockedSeconds()) > 0, 30000, 200);
      await new Promise((r) => setTimeout(r, 1500));
      const committedAtOutage = await committed();
      await new Promise((r) => setTimeout(r, 8000));
      expect(await blockedSeconds()).toBeGreaterThanOrEqual(5);
      const ready = await app.get(HealthRegistry).readiness();
      expect(ready.ready).toBe(false);
      expect(ready.checks['kafka-consumer-not-blocked'].error).toMatch(/waiting for postgresql/);
      // Nothing committed while blocked, and never past a record published after PostgreSQL went away.
      const committedLate = await committed();
      expect(committedLate).toEqual(committedAtOutage);
      expect(atMost(committedLate, endAtOutage)).toBe(true);

      await proxy.up();
      const statuses = await probe.collect(
        Topics.SmsStatusV1,
        (r) =>
          !!r.value && r.value.includes(service) && (JSON.parse(r.value) as SmsStatusV1).service === STATUS_SERVICE,
        before.length + during.length,
        60000,
        statusFrom,
      );
      expect(new Set(statuses.map((r) => (JSON.parse(r.value!) as SmsStatusV1).meta.sourceEventId))).toEqual(
        new Set([...before, ...during]),
      );
      const counts = await ours();
      expect(counts).toHaveLength(before.length + during.length);
      expect(counts.filter((r) => r.n !== 1)).toEqual([]);
      await waitFor(
        'the offsets after the outage to be committed',
        async () => atLeast(await committed(), endDuring),
        30000,
        200,
      );
      expect(await blockedSeconds()).toBe(0);
      // Readiness comes back once no batch waits any more (a batch still finishing its last retry may
      // hold it a moment after the gauge reads 0); its error names what it still waits for.
      let notBlocked = (await app.get(HealthRegistry).readiness()).checks['kafka-consumer-not-blocked'];
      await waitFor(
        'readiness to report the consumer no longer blocked',
        async () => (notBlocked = (await app.get(HealthRegistry).readiness()).checks['kafka-consumer-not-blocked']).ok,
        15000,
        200,
      ).catch(() => undefined);
      expect(notBlocked).toMatchObject({ ok: true });
      const dlq = await probe
        .collect(dlqTopicOf(Topics.OrderPlaced), (r) => r.headers[DlqHeader.service] === service, 1, 3000, dlqFrom)
        .catch(() => []);
      expect(dlq).toEqual([]);
    } finally {
      await admin.disconnect();
      await app.close();
    }
  }, 120000);
});
