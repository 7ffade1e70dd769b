import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TablePruner, createDataSource, runMigrations } from '@herald/persistence';
import { dispatchPruneRules } from './adapters/dispatch-retention';
import { dispatchDatabase } from './app.module';
import type { DispatchConfig } from './dispatch.config';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald';
const DAY = 86_400_000;
const config = { DISPATCH_LEDGER_RETENTION_DAYS: 15, DISPATCH_DLR_SEEN_RETENTION_DAYS: 7 } as DispatchConfig;

describe('dispatch retention on the real database', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = createDataSource(url, dispatchDatabase);
    await runMigrations(ds, url);
  });
  const created: string[] = [];
  afterAll(async () => {
    // A row kept `submitting` here would be an orphan to any dispatch that runs later on this database.
    await ds?.query(`DELETE FROM send_ledger WHERE message_id = ANY($1::uuid[])`, [created]);
    await ds?.destroy();
  });

  // The schema is shared with other tests: every row here is 20 or 3 days old, and only these ids are read back.
  async function ledgerRow(state: string, ageDays: number): Promise<string> {
    const id = randomUUID();
    created.push(id);
    const at = new Date(Date.now() - ageDays * DAY);
    await ds.query(
      `INSERT INTO send_ledger (message_id, state, segments, meta, created_at, updated_at) VALUES ($1, $2, 1, '{}', $3, $3)`,
      [id, state, at],
    );
    return id;
  }

  it('prunes settled ledger rows past DISPATCH_LEDGER_RETENTION_DAYS and old dlr_seen rows, never an open row or one whose status is pending', async () => {
    const old = {
      submitted: await ledgerRow('submitted', 20),
      failed: await ledgerRow('failed', 20),
      expired: await ledgerRow('expired', 20),
      ambiguous: await ledgerRow('ambiguous', 20),
    };
    const kept = {
      submitting: await ledgerRow('submitting', 20),
      recent: await ledgerRow('submitted', 3),
      statusPending: await ledgerRow('submitted', 20),
    };
    await ds.query('UPDATE send_ledger SET status_pending = true WHERE message_id = $1', [kept.statusPending]);
    const carrierIds = [`it-${randomUUID()}`, `it-${randomUUID()}`];
    await ds.query(
      `INSERT INTO dlr_seen (carrier_id, carrier_message_id, stat, received_at) VALUES ('it', $1, 'DELIVRD', now() - interval '8 days'), ('it', $2, 'DELIVRD', now() - interval '3 days')`,
      carrierIds,
    );

    const counts = await new TablePruner(ds, dispatchPruneRules(config), {
      intervalMs: 60_000,
      batchSize: 100,
      pauseMs: 0,
      maxBatchesPerRound: 1000,
    }).runRound();
    expect(counts.map((c) => c.table)).toEqual(['send_ledger', 'dlr_seen', 'processes']);

    const ids = [...Object.values(old), ...Object.values(kept)];
    const left: Array<{ message_id: string }> = await ds.query(
      'SELECT message_id FROM send_ledger WHERE message_id = ANY($1::uuid[])',
      [ids],
    );
    expect(left.map((r) => r.message_id).sort()).toEqual(Object.values(kept).sort());
    const dlrs: Array<{ carrier_message_id: string }> = await ds.query(
      `SELECT carrier_message_id FROM dlr_seen WHERE carrier_id = 'it' AND carrier_message_id = ANY($1)`,
      [carrierIds],
    );
    expect(dlrs.map((r) => r.carrier_message_id)).toEqual([carrierIds[1]]);
  });

  it('finds old settled ledger rows through the partial index the migration adds', async () => {
    const plan = await ds.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      const rows: Array<{ 'QUERY PLAN': string }> = await em.query(
        `EXPLAIN SELECT ctid FROM send_ledger WHERE updated_at < now() AND (state IN ('submitted', 'failed', 'expired', 'ambiguous')) LIMIT 10`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('send_ledger_settled_age');
  });
});
