import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Topics, type SmsApprovedV1 } from '@herald/contracts';
import {
  KafkaProbe,
  TEST_PII_KEYS,
  TEST_RECIPIENT_TOKEN_KEY,
  testEnv,
  uniqueId,
  waitFor,
  collectStatuses,
  publishApproved,
  statusesSoFar,
  TopicWatcher,
} from '@herald/testing';
import { referenceFor } from './domain/message-reference';
import { statusMetaOf } from './domain/message-result';
import {
  approvedMessage,
  approvedOffsets,
  smppCarrier,
  startDispatch,
  startSimulator,
  writeCarriersFile,
  type DispatchHandle,
  type MessageSpec,
  type PartitionOffsets,
  type SimHandle,
  type SimSubmit,
} from './spec-support/dispatch-harness';

const keys = { tokenKey: TEST_RECIPIENT_TOKEN_KEY, piiKeys: TEST_PII_KEYS };
const gb = (n: number) => `+447700900${String(n).padStart(3, '0')}`;
const message = (over: Partial<MessageSpec> = {}): SmsApprovedV1 =>
  approvedMessage(
    {
      e164: gb(1),
      country: 'GB',
      body: 'Your table for 2 is booked.',
      encoding: 'GSM7',
      segments: 1,
      eventId: uniqueId('ev'),
      ...over,
    },
    keys,
  );
const fastEnv = (file: string, extra: Record<string, string> = {}) =>
  testEnv({
    DISPATCH_CARRIERS_FILE: file,
    DISPATCH_CIRCUIT_OPEN_MS: '300',
    DISPATCH_SUBMIT_TIMEOUT_MS: '30000',
    DISPATCH_RECONNECT_MIN_MS: '50',
    DISPATCH_RECONNECT_MAX_MS: '200',
    ...extra,
  });
const metricSum = (text: string, name: string, label: string) =>
  text
    .split('\n')
    .filter((l) => l.includes(`_${name}{`) && l.includes(label))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);

describe('dispatch under carrier faults', () => {
  const probe = new KafkaProbe();
  let watcher: TopicWatcher;

  beforeAll(async () => {
    watcher = await TopicWatcher.start(testEnv().KAFKA_BROKERS, [Topics.SmsStatusV1]);
  });

  afterAll(async () => {
    await watcher.stop();
    await probe.close();
  });

  describe('a connection dropped with a full window', () => {
    let sim: SimHandle;
    let dispatch: DispatchHandle;
    let file: string;
    const carrierId = uniqueId('sim');
    // One recipient, so one partition and one batch: all 30 are sent side by side into the window of 20.
    const messages = Array.from({ length: 30 }, () => message({ e164: gb(300) }));
    const ids = messages.map((m) => m.messageId);
    const refs = new Set(ids.map(referenceFor));
    const mine = async () =>
      (await sim.http<{ submits: SimSubmit[] }>('GET', '/submits?limit=100000')).submits.filter((s) =>
        refs.has(s.userMessageReference ?? ''),
      );

    beforeAll(async () => {
      sim = await startSimulator();
      file = writeCarriersFile([smppCarrier(carrierId, sim.smppPort, { windowSize: 20 })]);
      dispatch = await startDispatch(uniqueId('dispatch'), fastEnv(file));
      await waitFor('carrier bound', () => dispatch.runtime.fleet.anyBound());
    });

    afterAll(async () => {
      await dispatch?.close();
      await sim?.stop();
    });

    let before: PartitionOffsets;

    it('reports the in-flight submits ambiguous without resending them, and sends the queued ones once', async () => {
      await sim.http('POST', '/config', { submitLatencyMs: 60_000, sendDlrs: false });
      before = await approvedOffsets(testEnv().KAFKA_BROKERS);
      await publishApproved(probe, messages);
      await waitFor('a full window at the simulator', async () => (await mine()).length === 20, 30000);
      expect(await sim.http('POST', '/drop-connections')).toMatchObject({ sessions: 1, unansweredSubmits: 20 });
      await sim.http('POST', '/config', { submitLatencyMs: 0 });

      const statuses = await collectStatuses(watcher, dispatch.service, ids, 30);
      const byStatus = (s: string) => statuses.filter((x) => x.status === s).map((x) => x.messageId);
      expect(byStatus('ambiguous')).toHaveLength(20);
      expect(byStatus('submitted')).toHaveLength(10);

      const records = await mine();
      expect(records).toHaveLength(30);
      expect(new Set(records.map((r) => r.userMessageReference)).size).toBe(30);
      const unanswered = new Set(records.filter((r) => r.status === null).map((r) => r.userMessageReference));
      expect(new Set(byStatus('ambiguous').map(referenceFor))).toEqual(unanswered);
      expect((await sim.http<{ duplicates: { total: number } }>('GET', '/stats')).duplicates.total).toBe(0);
      expect(metricSum(await dispatch.metricsText(), 'ambiguous_sends_total', `carrier="${carrierId}"`)).toBe(20);
      const rows = await dispatch.app
        .get(DataSource)
        .query(
          `SELECT state, count(*)::int AS n FROM dispatch.send_ledger WHERE message_id = ANY($1::uuid[]) GROUP BY state ORDER BY state`,
          [ids],
        );
      expect(rows).toEqual([
        { state: 'ambiguous', n: 20 },
        { state: 'submitted', n: 10 },
      ]);
    });

    it('reports the same outcomes and resends nothing when they are consumed again after a restart', async () => {
      const first = new Map(statusesSoFar(watcher, dispatch.service, ids).map((s) => [s.messageId, s]));
      await dispatch.close();
      dispatch = await startDispatch(uniqueId('dispatch'), fastEnv(file), before);
      const again = await collectStatuses(watcher, dispatch.service, ids, 30);
      for (const s of again) {
        const before = first.get(s.messageId);
        expect([s.status, s.carrierMessageId, s.at]).toEqual([before?.status, before?.carrierMessageId, before?.at]);
      }
      expect(await mine()).toHaveLength(30);
      expect(metricSum(await dispatch.metricsText(), 'ambiguous_sends_total', `carrier="${carrierId}"`)).toBe(0);
    });
  });

  describe('a message found submitting (a process died between claim and result)', () => {
    it('is reported ambiguous, or submitted when every part carrier id was stored, and never resent; a live process settles the rows and sends the claims a dead one left', async () => {
      const sim = await startSimulator();
      const file = writeCarriersFile([smppCarrier(uniqueId('sim'), sim.smppPort)]);
      // Reconciles nothing while this test runs: only the restarted process below does.
      const dispatch = await startDispatch(
        uniqueId('dispatch'),
        fastEnv(file, { DISPATCH_RECONCILE_AFTER_MS: '600000' }),
      );
      try {
        const [open, proven, stale] = [
          message({ e164: gb(401) }),
          message({ e164: gb(402) }),
          message({ e164: gb(403) }),
        ];
        const ds = dispatch.app.get(DataSource);
        const insert = `INSERT INTO dispatch.send_ledger (message_id, state, carrier_id, carrier_message_ids, segments, meta, updated_at) VALUES ($1, 'submitting', $2, $3, 1, $4, $5)`;
        await ds.query(insert, [open.messageId, null, [], JSON.stringify(statusMetaOf(open)), new Date()]);
        await ds.query(insert, [
          proven.messageId,
          'sim-x',
          ['0A1B2C3D4E'],
          JSON.stringify(statusMetaOf(proven)),
          new Date(),
        ]);

        await publishApproved(probe, [open, proven]);
        const statuses = await collectStatuses(watcher, dispatch.service, [open.messageId, proven.messageId], 2);
        expect(statuses.find((s) => s.messageId === open.messageId)).toMatchObject({
          status: 'ambiguous',
          reasonCode: 'AMBIGUOUS_SUBMIT',
        });
        expect(statuses.find((s) => s.messageId === proven.messageId)).toMatchObject({
          status: 'submitted',
          carrierId: 'sim-x',
          carrierMessageId: '0A1B2C3D4E',
        });
        expect(await sim.submits(referenceFor(open.messageId))).toEqual([]);

        // A row no record brings back (a parked message a process was sending when it died) is
        // reconciled by a live process, once the owner's heartbeat is older than the threshold and
        // the live one's own heartbeats have gone through that long. A silent owner with a fresh
        // heartbeat (a live replica) keeps its row.
        const restarted = await startDispatch(
          uniqueId('dispatch'),
          fastEnv(file, { DISPATCH_RECONCILE_AFTER_MS: '10000' }),
        );
        const [live, claimed] = [message({ e164: gb(404) }), message({ e164: gb(405) })];
        const [dead, alive] = [randomUUID(), randomUUID()];
        const beat = () =>
          ds.query(
            `INSERT INTO dispatch.processes (owner) VALUES ($1) ON CONFLICT (owner) DO UPDATE SET seen_at = now()`,
            [alive],
          );
        await beat();
        const beating = setInterval(() => void beat().catch(() => undefined), 1000);
        try {
          const old = new Date(Date.now() - 3_600_000);
          const owned = `INSERT INTO dispatch.send_ledger (message_id, state, segments, meta, owner, updated_at) VALUES ($1, 'submitting', 1, $2, $3, $4)`;
          await ds.query(owned, [stale.messageId, JSON.stringify(statusMetaOf(stale)), dead, old]);
          await ds.query(owned, [live.messageId, JSON.stringify(statusMetaOf(live)), alive, old]);
          // A parked message the dead process had claimed (no submit written), its lease 2 minutes on.
          await ds.query(
            `INSERT INTO dispatch.send_ledger (message_id, state, segments, meta, payload, owner, updated_at, next_attempt_at)
             VALUES ($1, 'claimed', 1, $2, $3, $4, $5, now() + interval '2 minutes')`,
            [claimed.messageId, JSON.stringify(statusMetaOf(claimed)), JSON.stringify(claimed), dead, old],
          );
          const [reconciled] = await collectStatuses(watcher, restarted.service, [stale.messageId], 1, 40000);
          expect(reconciled).toMatchObject({ status: 'ambiguous', meta: { recipientToken: stale.recipient.token } });
          // Its status is produced before its row moves.
          const stateOf = async (id: string) =>
            (
              (await ds.query(`SELECT state FROM dispatch.send_ledger WHERE message_id = $1`, [id])) as Array<{
                state: string;
              }>
            )[0]?.state;
          await waitFor(
            'the orphan settled',
            async () => (await stateOf(stale.messageId)) === 'ambiguous' || undefined,
          );
          expect(await stateOf(live.messageId)).toBe('submitting');
          // Its claim is sent now (by whichever process polls first), once.
          await waitFor(
            'the orphan claim sent',
            async () => (await stateOf(claimed.messageId)) === 'submitted' || undefined,
          );
          expect(await sim.submits(referenceFor(claimed.messageId))).toHaveLength(1);
          expect(metricSum(await restarted.metricsText(), 'ambiguous_sends_total', 'cause="orphan_reconcile"')).toBe(1);
        } finally {
          clearInterval(beating);
          await restarted.close();
          await ds.query(`DELETE FROM dispatch.send_ledger WHERE message_id = $1`, [live.messageId]);
        }
      } finally {
        await dispatch.close();
        await sim.stop();
      }
    });
  });

  describe('a backlog left by kill -9 behind a 10 MPS carrier', () => {
    it('sends every claim that never started exactly once and reports only the started ones ambiguous', async () => {
      const sim = await startSimulator();
      const carrierId = uniqueId('slow');
      const file = writeCarriersFile([smppCarrier(carrierId, sim.smppPort, { mpsSegments: 10, windowSize: 5 })]);
      const dispatch = await startDispatch(uniqueId('dispatch'), fastEnv(file));
      try {
        await waitFor('carrier bound', () => dispatch.runtime.fleet.anyBound());
        // What a process killed mid-backlog leaves: its window's worth started (`submitting`), the
        // rest claimed behind the token bucket, all under an owner that no longer runs.
        // ES: a country the shared e2e dispatch (same broker and ledger) has no carrier for.
        const messages = Array.from({ length: 40 }, (_, i) =>
          message({ e164: `+346123457${String(i).padStart(2, '0')}`, country: 'ES' }),
        );
        const [started, unstarted] = [messages.slice(0, 5), messages.slice(5)];
        const dead = randomUUID();
        const ds = dispatch.app.get(DataSource);
        await ds.query(
          `INSERT INTO dispatch.send_ledger (message_id, state, segments, meta, payload, owner, next_attempt_at)
           SELECT t.id, t.state, 1, t.meta::jsonb, t.payload::jsonb, $4::uuid, now() + interval '2 minutes'
           FROM unnest($1::uuid[], $2::text[], $3::text[], $5::text[]) AS t(id, state, meta, payload)`,
          [
            messages.map((m) => m.messageId),
            messages.map((_, i) => (i < 5 ? 'submitting' : 'claimed')),
            messages.map((m) => JSON.stringify(statusMetaOf(m))),
            dead,
            messages.map((m) => JSON.stringify(m)),
          ],
        );

        await publishApproved(probe, messages);
        const statuses = await collectStatuses(
          watcher,
          dispatch.service,
          messages.map((m) => m.messageId),
          40,
          90000,
        );
        const statusOf = new Map(statuses.map((x) => [x.messageId, x.status]));
        expect(started.map((m) => statusOf.get(m.messageId))).toEqual(Array(5).fill('ambiguous'));
        expect(unstarted.map((m) => statusOf.get(m.messageId))).toEqual(Array(35).fill('submitted'));
        for (const m of started) expect(await sim.submits(referenceFor(m.messageId))).toHaveLength(0);
        for (const m of unstarted) expect(await sim.submits(referenceFor(m.messageId))).toHaveLength(1);
        expect((await sim.http<{ duplicates: { total: number } }>('GET', '/stats')).duplicates.total).toBe(0);
        const rows = await ds.query(
          `SELECT state, count(*)::int AS n, count(payload)::int AS payloads FROM dispatch.send_ledger WHERE message_id = ANY($1::uuid[]) GROUP BY state ORDER BY state`,
          [messages.map((m) => m.messageId)],
        );
        expect(rows).toEqual([
          { state: 'ambiguous', n: 5, payloads: 0 },
          { state: 'submitted', n: 35, payloads: 0 },
        ]);
      } finally {
        await dispatch.close();
        await sim.stop();
      }
    });
  });

  describe("one country's carrier refusing binds while another flows", () => {
    // ES: a country the shared e2e dispatch (same broker and ledger) has no carrier for, so it never claims these.
    it('submits the other country promptly, parks the blocked messages and sends them once the carrier returns, or expires them', async () => {
      const [simFr, simGb] = [await startSimulator(), await startSimulator()];
      const [frId, gbId] = [uniqueId('fr'), uniqueId('gb')];
      const file = writeCarriersFile([
        smppCarrier(frId, simFr.smppPort, { countries: ['ES'] }),
        smppCarrier(gbId, simGb.smppPort, { countries: ['GB'] }),
      ]);
      // The Spanish carrier refuses every bind from the start (a carrier that is down).
      await simFr.http('POST', '/config', { refuseBinds: ['herald'] });
      const dispatch = await startDispatch(
        uniqueId('dispatch'),
        fastEnv(file, { DISPATCH_MAX_BATCH_MS: '500', DISPATCH_PARK_POLL_MS: '200', DISPATCH_MAX_BACKOFF_MS: '1000' }),
      );
      try {
        await waitFor('GB bound', () => dispatch.runtime.fleet.isAvailable(gbId));
        expect(dispatch.runtime.fleet.isAvailable(frId)).toBe(false);
        const spanish = Array.from({ length: 4 }, (_, i) => message({ e164: `+3461234560${i}`, country: 'ES' }));
        const stale = message({ e164: '+34612345699', country: 'ES', ttlSeconds: 3 });
        const british = Array.from({ length: 4 }, (_, i) => message({ e164: gb(700 + i) }));
        const published = Date.now();
        await publishApproved(probe, [...spanish, stale, ...british]);

        const gbStatuses = await collectStatuses(
          watcher,
          dispatch.service,
          british.map((m) => m.messageId),
          4,
          15000,
        );
        expect(gbStatuses.map((s) => [s.status, s.carrierId])).toEqual(Array(4).fill(['submitted', gbId]));
        expect(Date.now() - published).toBeLessThan(10000);
        const ds = dispatch.app.get(DataSource);
        await waitFor(
          'the Spanish messages parked',
          async () => {
            const rows = await ds.query(
              `SELECT count(*)::int AS n FROM dispatch.send_ledger WHERE message_id = ANY($1::uuid[]) AND state = 'parked'`,
              [spanish.map((m) => m.messageId)],
            );
            return rows[0].n === 4;
          },
          15000,
        );

        const [expired] = await collectStatuses(watcher, dispatch.service, [stale.messageId], 1, 20000);
        expect(expired).toMatchObject({ status: 'expired', reasonCode: 'TTL_EXPIRED' });
        await simFr.http('POST', '/config', { refuseBinds: [] });
        const esStatuses = await collectStatuses(
          watcher,
          dispatch.service,
          spanish.map((m) => m.messageId),
          4,
          60000,
        );
        expect(esStatuses.map((s) => [s.status, s.carrierId])).toEqual(Array(4).fill(['submitted', frId]));
        for (const m of spanish) expect(await simFr.submits(referenceFor(m.messageId))).toHaveLength(1);
        expect(await simFr.submits(referenceFor(stale.messageId))).toEqual([]);
        expect((await simFr.http<{ duplicates: { total: number } }>('GET', '/stats')).duplicates.total).toBe(0);
        expect(
          statusesSoFar(
            watcher,
            dispatch.service,
            [...spanish, stale].map((m) => m.messageId),
          ),
        ).toHaveLength(5);
      } finally {
        await dispatch.close();
        await simFr.stop();
        await simGb.stop();
      }
    });
  });

  describe('failover', () => {
    it('moves to the next carrier serving the country when the first one is down', async () => {
      const [primary, backup] = [await startSimulator(), await startSimulator()];
      const [a, b] = [uniqueId('primary'), uniqueId('backup')];
      const file = writeCarriersFile([
        smppCarrier(b, backup.smppPort, { priority: 2, countries: ['GB'] }),
        smppCarrier(a, primary.smppPort, { priority: 1, countries: ['GB', 'IE'] }),
      ]);
      const dispatch = await startDispatch(uniqueId('dispatch'), fastEnv(file));
      try {
        await waitFor(
          'both bound',
          () => dispatch.runtime.fleet.isAvailable(a) && dispatch.runtime.fleet.isAvailable(b),
        );
        const before = [message({ e164: gb(501) }), message({ e164: gb(502) })];
        await publishApproved(probe, before);
        const first = await collectStatuses(
          watcher,
          dispatch.service,
          before.map((m) => m.messageId),
          2,
        );
        expect(first.map((s) => s.carrierId)).toEqual([a, a]);

        await primary.stop();
        await waitFor('primary unbound', () => !dispatch.runtime.fleet.isAvailable(a));
        const after = [message({ e164: gb(503) }), message({ e164: gb(504) }), message({ e164: gb(505) })];
        await publishApproved(probe, after);
        const second = await collectStatuses(
          watcher,
          dispatch.service,
          after.map((m) => m.messageId),
          3,
        );
        expect(second.map((s) => [s.status, s.carrierId])).toEqual([
          ['submitted', b],
          ['submitted', b],
          ['submitted', b],
        ]);
        for (const m of after) expect(await backup.submits(referenceFor(m.messageId))).toHaveLength(1);
        const ready = await fetch(`${dispatch.mgmtUrl}/health/ready`);
        expect(ready.status).toBe(200);
      } finally {
        await dispatch.close();
        await backup.stop();
      }
    });
  });
});
