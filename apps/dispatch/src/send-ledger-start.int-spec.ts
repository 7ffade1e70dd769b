import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { StatusMetaDto } from '@herald/contracts';
import { createDataSource, runMigrations } from '@herald/persistence';
import { SendLedgerRepository, type NewRow } from './adapters/send-ledger.repository';
import { dispatchDatabase } from './app.module';
import type { StoredResult } from './domain/message-result';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald';
const meta = { country: 'FR', segments: 1 } as unknown as StatusMetaDto;
const fresh = (payload?: object): NewRow => ({ segments: 1, meta, ...(payload ? { payload: payload as never } : {}) });
const expired = (): StoredResult => ({
  result: { status: 'expired', reason: 'TTL passed before dispatch', attempt: 0 },
  at: new Date().toISOString(),
});

/**
 * Rows inserted and updated by this backend and not yet flushed to the shared statistics: the
 * difference across statements of one transaction is exactly what those statements wrote.
 */
async function writesSoFar(em: EntityManager): Promise<{ ins: number; upd: number }> {
  const [r] = await em.query(
    `SELECT n_tup_ins AS ins, n_tup_upd AS upd FROM pg_stat_xact_user_tables WHERE relname = 'send_ledger'`,
  );
  return { ins: Number(r?.ins ?? 0), upd: Number(r?.upd ?? 0) };
}

/**
 * A consumed message's row is born at its first write (start mark, parking or result). These run
 * the two statements that insert it against the real database, with the races they must settle.
 */
describe('send ledger: rows born at the first write (real PostgreSQL)', () => {
  let ds: DataSource;
  let repo: SendLedgerRepository;
  const me = randomUUID();
  const other = randomUUID();

  beforeAll(async () => {
    ds = createDataSource(url, dispatchDatabase);
    await runMigrations(ds, url);
    repo = new SendLedgerRepository(ds);
  });
  afterAll(async () => {
    // Rows left `submitting` under these owners (never alive) would be orphans to any dispatch
    // that runs later on the same database, with statuses built from this file's partial meta.
    await ds?.query(`DELETE FROM send_ledger WHERE owner = ANY($1::uuid[])`, [[me, other]]);
    await ds?.destroy();
  });

  const rowOf = async (id: string) =>
    (
      await ds.query(
        `SELECT state, owner, segments, payload IS NOT NULL AS has_payload, parks, next_attempt_at IS NOT NULL AS due
         FROM send_ledger WHERE message_id = $1`,
        [id],
      )
    )[0];

  it("inserts new messages `submitting` and moves this owner's claims, in one statement; another owner's rows are not started", async () => {
    const [a, b, claimed, theirs] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await ds.query(
      `INSERT INTO send_ledger (message_id, state, segments, meta, owner, next_attempt_at)
       VALUES ($1, 'claimed', 1, '{}', $3, now()), ($2, 'submitting', 1, '{}', $4, NULL)`,
      [claimed, theirs, me, other],
    );
    const started = await repo.markStarted(
      [
        { messageId: a, fresh: fresh({ messageId: a }) },
        { messageId: b, fresh: fresh() },
        { messageId: claimed },
        { messageId: theirs, fresh: fresh() },
      ],
      me,
    );
    expect([...started].sort()).toEqual([a, b, claimed].sort());
    expect(await rowOf(a)).toMatchObject({ state: 'submitting', owner: me, has_payload: true, due: false });
    expect(await rowOf(b)).toMatchObject({ state: 'submitting', owner: me, has_payload: false });
    expect(await rowOf(claimed)).toMatchObject({ state: 'submitting', owner: me, due: false });
    expect(await rowOf(theirs)).toMatchObject({ state: 'submitting', owner: other });
  });

  it("takes over another process's claims, never one it holds itself (its releaser is sending it)", async () => {
    const [mine, theirs, parked] = [randomUUID(), randomUUID(), randomUUID()];
    await ds.query(
      `INSERT INTO send_ledger (message_id, state, segments, meta, owner, next_attempt_at)
       VALUES ($1, 'claimed', 1, '{}', $4, now()), ($2, 'claimed', 1, '{}', $5, now()), ($3, 'parked', 1, '{}', $5, now())`,
      [mine, theirs, parked, me, other],
    );
    expect([...(await repo.takeOver([mine, theirs, parked], me, 60_000))]).toEqual([theirs]);
    expect(await rowOf(theirs)).toMatchObject({ state: 'claimed', owner: me });
    expect(await rowOf(parked)).toMatchObject({ state: 'parked', owner: other });
  });

  it('answers a repeated start mark (its first commit unacknowledged) with the same started ids, writing nothing more', async () => {
    const id = randomUUID();
    expect([...(await repo.markStarted([{ messageId: id, fresh: fresh() }], me))]).toEqual([id]);
    await ds.transaction(async (em) => {
      const before = await writesSoFar(em);
      const inTx = new SendLedgerRepository(em as unknown as DataSource);
      expect([...(await inTx.markStarted([{ messageId: id, fresh: fresh() }], me))]).toEqual([id]);
      expect(await writesSoFar(em)).toEqual(before);
    });
    expect([...(await repo.markStarted([{ messageId: id, fresh: fresh() }], other))]).toEqual([]);
  });

  it("a result of a new message inserts its row when there is none, updates the one it started, and refuses another owner's", async () => {
    const [none, startedHere, theirs] = [randomUUID(), randomUUID(), randomUUID()];
    await repo.markStarted([{ messageId: startedHere, fresh: fresh() }], me);
    await repo.markStarted([{ messageId: theirs, fresh: fresh() }], other);
    const refused = await repo.apply([
      { messageId: none, state: 'expired', attempts: 0, result: expired(), owner: me, fresh: fresh() },
      {
        messageId: startedHere,
        state: 'submitted',
        carrierId: 'smsc-a',
        carrierMessageIds: ['c1'],
        attempts: 1,
        result: expired(),
        owner: me,
        fresh: fresh(),
      },
      { messageId: theirs, state: 'expired', attempts: 0, result: expired(), owner: me, fresh: fresh() },
    ]);
    expect([...refused]).toEqual([theirs]);
    expect(await rowOf(none)).toMatchObject({ state: 'expired', owner: me, has_payload: false });
    expect(await rowOf(startedHere)).toMatchObject({ state: 'submitted', owner: me });
    expect(await rowOf(theirs)).toMatchObject({ state: 'submitting', owner: other });
    const [ids] = await ds.query(`SELECT carrier_message_ids FROM send_ledger WHERE message_id = $1`, [startedHere]);
    expect(ids.carrier_message_ids).toEqual(['c1']);
  });

  it('parks a new message with its payload, due at its next attempt; one row write for a start and one for a result', async () => {
    const parked = randomUUID();
    const next = new Date(Date.now() + 60_000);
    await repo.apply([
      {
        messageId: parked,
        state: 'parked',
        attempts: 0,
        lastError: 'PARKED: no usable route',
        nextAttemptAt: next,
        owner: me,
        fresh: fresh({ messageId: parked }),
      },
    ]);
    expect(await rowOf(parked)).toMatchObject({ state: 'parked', owner: me, has_payload: true, parks: 1, due: true });

    const sent = randomUUID();
    await ds.transaction(async (em) => {
      const before = await writesSoFar(em);
      const inTx = new SendLedgerRepository(em as unknown as DataSource);
      await inTx.markStarted([{ messageId: sent, fresh: fresh({ messageId: sent }) }], me);
      await inTx.apply([
        {
          messageId: sent,
          state: 'submitted',
          carrierId: 'smsc-a',
          carrierMessageIds: ['c2'],
          attempts: 1,
          result: expired(),
          owner: me,
          fresh: fresh(),
        },
      ]);
      const after = await writesSoFar(em);
      expect([after.ins - before.ins, after.upd - before.upd]).toEqual([1, 1]);
    });
  });
});
