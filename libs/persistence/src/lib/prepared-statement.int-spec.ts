import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from './data-source';
import { prepared, queryPrepared } from './prepared-statement';

describe('queryPrepared on the real database', () => {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald';
  let ds: DataSource;
  const stmt = prepared('persistence_it_add_v1', 'SELECT $1::int + $2::int AS sum');

  beforeAll(async () => {
    ds = createDataSource(url, { schema: 'persistence_it', entities: [], migrations: [] });
    await runMigrations(ds, url);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('runs a named statement on the pool and returns its rows', async () => {
    expect(await queryPrepared<{ sum: number }>(ds, stmt, [2, 3])).toEqual([{ sum: 5 }]);
    expect(await queryPrepared<{ sum: number }>(ds.manager, stmt, [4, 5])).toEqual([{ sum: 9 }]);
  });

  it('prepares it server-side on the connection of the transaction it is given', async () => {
    const names = await ds.transaction(async (em) => {
      await queryPrepared(em, stmt, [1, 1]);
      await queryPrepared(em, stmt, [2, 2]);
      const rows: Array<{ name: string }> = await em.query('SELECT name FROM pg_prepared_statements');
      return rows.map((r) => r.name);
    });
    expect(names).toContain('persistence_it_add_v1');
  });

  it('surfaces SQL errors with their SQLSTATE', async () => {
    await expect(
      queryPrepared(ds, prepared('persistence_it_bad_v1', 'SELECT * FROM no_such_table_here'), []),
    ).rejects.toMatchObject({ code: '42P01' });
  });
});
