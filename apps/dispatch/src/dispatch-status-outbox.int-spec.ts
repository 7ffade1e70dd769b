import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { HeraldError, Topics, type SmsApprovedV1 } from '@herald/contracts';
import { ORIGIN_TIME_HEADER, Publisher, type OutboundRecord } from '@herald/kafka';
import {
  KafkaProbe,
  TEST_PII_KEYS,
  TEST_RECIPIENT_TOKEN_KEY,
  testEnv,
  uniqueId,
  waitFor,
  publishApproved,
  statusesSoFar,
  TopicWatcher,
  type WatchedRecord,
} from '@herald/testing';
import { referenceFor } from './domain/message-reference';
import {
  approvedMessage,
  smppCarrier,
  startDispatch,
  startSimulator,
  writeCarriersFile,
  type DispatchHandle,
  type SimHandle,
} from './spec-support/dispatch-harness';

const keys = { tokenKey: TEST_RECIPIENT_TOKEN_KEY, piiKeys: TEST_PII_KEYS };
// ES: a country the shared e2e dispatch (same broker) has no carrier for, so it never takes these.
const spanish = (n: number, base: number): SmsApprovedV1[] =>
  Array.from({ length: n }, (_, i) =>
    approvedMessage(
      {
        e164: `+34612${base + i}`,
        country: 'ES',
        body: 'Su pedido ha salido.',
        encoding: 'GSM7',
        segments: 1,
        eventId: uniqueId('ev'),
      },
      keys,
    ),
  );
const metricValue = (text: string, name: string, label: string) =>
  text
    .split('\n')
    .filter((l) => l.includes(`_${name}{`) && l.includes(label))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);

/**
 * A released parked message has no Kafka record a redelivery could replay its status from: its
 * ledger row is the status outbox. Each test's dispatch runs on a database of its own, so no other
 * dispatch sharing the platform (whose outbox sweep would take any pending row) touches its rows.
 */
describe('status outbox of released parked messages', () => {
  const probe = new KafkaProbe();
  const database = `herald_outbox_${process.pid}_${Date.now()}`;
  const admin = () => {
    const url = new URL(testEnv().DATABASE_URL);
    url.pathname = '/postgres';
    return new Client({ connectionString: url.toString() });
  };
  let watcher: TopicWatcher;
  let sim: SimHandle;
  let env: Record<string, string>;

  beforeAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE "${database}"`);
    await client.end();
    watcher = await TopicWatcher.start(testEnv().KAFKA_BROKERS, [Topics.SmsStatusV1]);
    sim = await startSimulator();
    const url = new URL(testEnv().DATABASE_URL);
    url.pathname = `/${database}`;
    const file = writeCarriersFile([smppCarrier(uniqueId('es'), sim.smppPort, { countries: ['ES'] })]);
    env = testEnv({
      DATABASE_URL: url.toString(),
      DISPATCH_CARRIERS_FILE: file,
      DISPATCH_CIRCUIT_OPEN_MS: '300',
      DISPATCH_RECONNECT_MIN_MS: '50',
      DISPATCH_RECONNECT_MAX_MS: '200',
      DISPATCH_MAX_BATCH_MS: '500',
      DISPATCH_PARK_POLL_MS: '200',
      DISPATCH_MAX_BACKOFF_MS: '1000',
    });
  });

  afterAll(async () => {
    await sim?.stop();
    await watcher?.stop();
    await probe.close();
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
  });

  const ledger = (d: DispatchHandle, ids: string[]) =>
    d.app
      .get(DataSource)
      .query(
        `SELECT state, status_pending, count(*)::int AS n FROM send_ledger WHERE message_id = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 1, 2`,
        [ids],
      ) as Promise<Array<{ state: string; status_pending: boolean; n: number }>>;

  /** Messages parked behind a carrier that refuses binds, counted by the parked gauge. */
  async function parkedBehindDeadCarrier(d: DispatchHandle, messages: SmsApprovedV1[]): Promise<void> {
    const ids = messages.map((m) => m.messageId);
    await publishApproved(probe, messages);
    await waitFor(
      'parked',
      async () => (await ledger(d, ids)).some((r) => r.state === 'parked' && r.n === ids.length),
      20000,
    );
    await waitFor(
      'the parked gauge',
      async () => metricValue(await d.metricsText(), 'parked_messages', 'country="ES"') === ids.length,
      20000,
    );
    expect(metricValue(await d.metricsText(), 'parked_oldest_seconds', 'country="ES"')).toBeGreaterThanOrEqual(0);
  }

  it('produces a released message status once from the live writer and clears its outbox flag; the sweep repeats nothing', async () => {
    const messages = spanish(3, 345610);
    const ids = messages.map((m) => m.messageId);
    await sim.http('POST', '/config', { refuseBinds: ['herald'] });
    const d = await startDispatch(uniqueId('dispatch'), env);
    try {
      await parkedBehindDeadCarrier(d, messages);
      await sim.http('POST', '/config', { refuseBinds: [] });
      await waitFor('3 statuses', async () => statusesSoFar(watcher, d.service, ids).length === 3, 30000);
      await waitFor(
        'the outbox flags cleared',
        async () =>
          JSON.stringify(await ledger(d, ids)) ===
          JSON.stringify([{ state: 'submitted', status_pending: false, n: 3 }]),
        10000,
      );
      // Longer than the sweep's age limit plus its period: a sweep that repeated a produced status would show here.
      await new Promise((r) => setTimeout(r, 12000));
      expect(statusesSoFar(watcher, d.service, ids).map((s) => s.status)).toEqual([
        'submitted',
        'submitted',
        'submitted',
      ]);
      const metrics = await d.metricsText();
      expect(metricValue(metrics, 'statuses_resent_total', 'status=')).toBe(0);
      expect(metricValue(metrics, 'parked_messages', 'country="ES"')).toBe(0);
    } finally {
      await d.close();
    }
  });

  it('produces, after a restart, the status a process wrote to the ledger but never produced: once, and the same record', async () => {
    const messages = spanish(3, 345620);
    const ids = messages.map((m) => m.messageId);
    const service = uniqueId('dispatch');
    await sim.http('POST', '/config', { refuseBinds: ['herald'] });
    const first = await startDispatch(service, env);
    // The crash window: the rows are written, the produce of their statuses never reaches the broker,
    // then the process goes away (its shutdown flush fails the same way). Nothing else holds them.
    const lost = new Map<string, OutboundRecord>();
    try {
      await parkedBehindDeadCarrier(first, messages);
      const publisher = first.app.get(Publisher);
      const produce = publisher.sendBatch.bind(publisher);
      jest.spyOn(publisher, 'sendBatch').mockImplementation(async (records) => {
        const ours = (records as OutboundRecord[]).filter(
          (r) => r.topic === Topics.SmsStatusV1 && ids.includes(r.key ?? ''),
        );
        if (ours.length === 0) return produce(records);
        for (const r of ours) lost.set(r.key ?? '', r);
        throw new HeraldError('BROKER_UNAVAILABLE', 'injected: the process dies before this produce');
      });
      await sim.http('POST', '/config', { refuseBinds: [] });
      await waitFor(
        'the released rows written, their statuses pending',
        async () =>
          JSON.stringify(await ledger(first, ids)) ===
          JSON.stringify([{ state: 'submitted', status_pending: true, n: 3 }]),
        30000,
      );
      await waitFor('every produce attempted', async () => lost.size === 3, 10000);
    } finally {
      await first.close();
    }
    expect(statusesSoFar(watcher, service, ids)).toEqual([]);
    for (const m of messages) expect(await sim.submits(referenceFor(m.messageId))).toHaveLength(1);

    const second = await startDispatch(service, env);
    try {
      await waitFor('the swept statuses', async () => statusesSoFar(watcher, service, ids).length === 3, 30000);
      await waitFor(
        'the outbox flags cleared',
        async () =>
          JSON.stringify(await ledger(second, ids)) ===
          JSON.stringify([{ state: 'submitted', status_pending: false, n: 3 }]),
        10000,
      );
      await new Promise((r) => setTimeout(r, 12000));
      const produced = watcher.all(Topics.SmsStatusV1, (r) => ids.includes(r.key ?? ''));
      expect(produced).toHaveLength(3);
      // The record the first process built: same payload, CloudEvent id and times (only the trace is new).
      const view = (r: Pick<WatchedRecord, 'key' | 'value' | 'headers'>) => ({
        key: r.key,
        payload: JSON.parse(r.value),
        ce_id: r.headers.ce_id,
        ce_time: r.headers.ce_time,
        origin: r.headers[ORIGIN_TIME_HEADER],
      });
      for (const r of produced) expect(view(r)).toEqual(view(lost.get(r.key ?? '')!));
      expect(metricValue(await second.metricsText(), 'statuses_resent_total', 'status="submitted"')).toBe(3);
      for (const m of messages) expect(await sim.submits(referenceFor(m.messageId))).toHaveLength(1);
      expect((await sim.http<{ duplicates: { total: number } }>('GET', '/stats')).duplicates.total).toBe(0);
    } finally {
      await second.close();
    }
  });
});
