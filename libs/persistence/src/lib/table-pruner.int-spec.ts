import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from './data-source';
import { TablePruner, type PruneRule, type PrunerOptions } from './table-pruner';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald';
const DAY = 86_400_000;
const now = new Date('2026-06-01T12:00:00Z');
const options: PrunerOptions = { intervalMs: 60_000, batchSize: 1000, pauseMs: 5, maxBatchesPerRound: 10 };
// Like a send ledger: only final rows may go, however old.
const ledger: PruneRule = {
  table: 'ledger',
  ageColumn: 'updated_at',
  retentionMs: 7 * DAY,
  settled: () => `state IN ('submitted', 'failed')`,
};

describe('TablePruner on the real database', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = createDataSource(url, { schema: 'persistence_prune_it', entities: [], migrations: [] });
    await runMigrations(ds, url);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  beforeEach(async () => {
    await ds.query('DROP TABLE IF EXISTS ledger');
    await ds.query(
      'CREATE TABLE ledger (id bigserial PRIMARY KEY, state text NOT NULL, updated_at timestamptz NOT NULL)',
    );
  });

  const insert = (n: number, state: string, ageDays: number) =>
    ds.query('INSERT INTO ledger (state, updated_at) SELECT $1, $2::timestamptz FROM generate_series(1, $3)', [
      state,
      new Date(now.getTime() - ageDays * DAY),
      n,
    ]);
  const countBy = async () =>
    Object.fromEntries(
      (
        (await ds.query('SELECT state, count(*)::int AS n FROM ledger GROUP BY state ORDER BY state')) as Array<{
          state: string;
          n: number;
        }>
      ).map((r) => [r.state, r.n]),
    );

  it('deletes old settled rows in batches and keeps open and recent ones', async () => {
    await insert(2500, 'submitted', 10);
    await insert(300, 'failed', 8);
    await insert(20, 'submitting', 30); // old but still open: never pruned
    await insert(40, 'submitted', 6); // settled but inside the retention window
    const counts = await new TablePruner(ds, [ledger], options).runRound(now);
    expect(counts).toEqual([{ table: 'ledger', deleted: 2800 }]);
    expect(await countBy()).toEqual({ submitted: 40, submitting: 20 });
  });

  it('stops after maxBatchesPerRound and finishes on the next rounds', async () => {
    await insert(2500, 'submitted', 10);
    const pruner = new TablePruner(ds, [ledger], { ...options, maxBatchesPerRound: 1 });
    expect((await pruner.runRound(now))[0].deleted).toBe(1000);
    expect((await pruner.runRound(now))[0].deleted).toBe(1000);
    expect((await pruner.runRound(now))[0].deleted).toBe(500);
    expect(await countBy()).toEqual({});
  });

  it('skips a row a live transaction holds instead of waiting for it', async () => {
    await insert(5, 'submitted', 10);
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query("UPDATE ledger SET state = 'submitted' WHERE id = (SELECT min(id) FROM ledger)");
      const started = Date.now();
      const [count] = await new TablePruner(ds, [ledger], options).runRound(now);
      expect({ deleted: count.deleted, waited: Date.now() - started < 2000 }).toEqual({ deleted: 4, waited: true });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await countBy()).toEqual({ submitted: 1 });
  });

  it('builds the settled condition from the columns the table has now, and skips a table that does not exist', async () => {
    await ds.query('ALTER TABLE ledger ADD COLUMN outbox jsonb');
    await insert(3, 'submitted', 10);
    await ds.query(`UPDATE ledger SET outbox = '[{"id":"r1"}]' WHERE id = (SELECT min(id) FROM ledger)`);
    const withOutbox: PruneRule = {
      ...ledger,
      settled: (cols) => `state = 'submitted'${cols.has('outbox') ? ' AND outbox IS NULL' : ''}`,
    };
    const counts = await new TablePruner(
      ds,
      [withOutbox, { table: 'no_such_table', ageColumn: 'at', retentionMs: DAY }],
      options,
    ).runRound(now);
    expect(counts).toEqual([
      { table: 'ledger', deleted: 2 },
      { table: 'no_such_table', deleted: 0, missing: true },
    ]);
  });

  it('refuses a table or column name that is not a plain identifier', () => {
    expect(() => new TablePruner(ds, [{ ...ledger, table: 'ledger; DROP TABLE x' }], options)).toThrow(
      /plain SQL identifier/,
    );
  });

  it('on its timer, survives a database it cannot reach: each round reports the error and the next one runs', async () => {
    const down = createDataSource('postgres://postgres@127.0.0.1:1/herald', {
      schema: 'persistence_prune_it',
      entities: [],
      migrations: [],
    });
    const errors: unknown[] = [];
    const pruner = new TablePruner(down, [ledger], { ...options, intervalMs: 20 }, { onError: (e) => errors.push(e) });
    pruner.start();
    await new Promise((r) => setTimeout(r, 200));
    await pruner.stop();
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });

  it('rounds on its timer delete rows and report their counts', async () => {
    await insert(10, 'failed', 30);
    const rounds: unknown[] = [];
    const pruner = new TablePruner(
      ds,
      [{ ...ledger, retentionMs: 0 }],
      { ...options, intervalMs: 20 },
      { onRound: (c) => rounds.push(c) },
    );
    pruner.start();
    await new Promise((r) => setTimeout(r, 300));
    await pruner.stop();
    expect(rounds[0]).toEqual([{ table: 'ledger', deleted: 10 }]);
    expect(await countBy()).toEqual({});
  });
});
