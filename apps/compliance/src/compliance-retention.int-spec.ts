import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TablePruner, createDataSource, runMigrations } from '@herald/persistence';
import { compliancePruneRules } from './adapters/compliance-retention';
import { complianceDatabase } from './app.module';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald';

describe('compliance retention on the real database', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = createDataSource(url, complianceDatabase);
    await runMigrations(ds, url);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('drops cap counters untouched for longer than their own window, keeps the others', async () => {
    const [stale, live, longWindow] = [randomUUID(), randomUUID(), randomUUID()];
    await ds.query(
      `INSERT INTO cap_counters (recipient_token, cap_name, entries, window_ms, updated_at) VALUES
         ($1, 'it', '[]', 3600000, now() - interval '2 hours'),
         ($2, 'it', '[]', 3600000, now() - interval '30 minutes'),
         ($3, 'it', '[]', 86400000, now() - interval '2 hours')`,
      [stale, live, longWindow],
    );
    await new TablePruner(ds, compliancePruneRules, {
      intervalMs: 60_000,
      batchSize: 100,
      pauseMs: 0,
      maxBatchesPerRound: 1000,
    }).runRound();
    const rows: Array<{ recipient_token: string }> = await ds.query(
      'SELECT recipient_token FROM cap_counters WHERE recipient_token = ANY($1::text[])',
      [[stale, live, longWindow]],
    );
    expect(rows.map((r) => r.recipient_token).sort()).toEqual([live, longWindow].sort());
  });
});
