// The machine's PostgreSQL may run without autovacuum (this one does): dead rows left by earlier
// runs and tests in Herald's churning tables would be measured as Herald's cost. Vacuum first.
// Better still, the bench's own database starts empty at every run: rows an earlier run left
// (messages still 'submitting', held receipts) would be reconciled, pruned or joined during the
// measurement and counted as this run's work.
import { Client } from 'pg';

/** Only databases named like the bench's own are ever dropped. */
export const isBenchDatabase = (name: string) => /^herald_bench(_[a-z0-9_]+)?$/.test(name);

/** Drops and creates `name` (connected to the server's `postgres` database). */
export async function recreateBenchDatabase(adminUrl: string, name: string): Promise<void> {
  if (!isBenchDatabase(name))
    throw new Error(`refusing to drop database "${name}": only herald_bench[_suffix] is the bench's own`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // FORCE: a bench killed earlier may have left a service connected.
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

const HERALD_SCHEMAS = ['event_ingest', 'templating', 'compliance', 'dispatch', 'receipts'];

/** VACUUM ANALYZE of every Herald table; returns the server's autovacuum setting. */
export async function vacuumHeraldTables(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(
      `SELECT format('%I.%I', schemaname, relname) AS t FROM pg_stat_user_tables WHERE schemaname = ANY($1::text[])`,
      [HERALD_SCHEMAS],
    );
    for (const { t } of rows) await client.query(`VACUUM ANALYZE ${t}`);
    return (await client.query<{ autovacuum: string }>('SHOW autovacuum')).rows[0].autovacuum;
  } finally {
    await client.end();
  }
}
