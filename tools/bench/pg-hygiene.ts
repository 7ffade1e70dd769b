// The machine's PostgreSQL may run without autovacuum (this one does): dead rows left by earlier
// runs and tests in Herald's churning tables would be measured as Herald's cost. Vacuum first.
import { Client } from 'pg';

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
