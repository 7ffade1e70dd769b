import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TablePruner, createDataSource, runMigrations } from '@herald/persistence';
import { ingestPruneRules } from './adapters/ingest-retention';
import { eventIngestDatabase } from './app.module';
import type { EventIngestConfig } from './event-ingest.config';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald';

describe('event-ingest retention on the real database', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = createDataSource(url, eventIngestDatabase);
    await runMigrations(ds, url);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('forgets event ids past INGEST_DEDUPE_RETENTION_DAYS and expired idempotency keys, keeps the rest', async () => {
    const source = `it/retention-${randomUUID()}`;
    await ds.query(
      `INSERT INTO processed_events (source, event_id, event_type, first_topic, first_seen_at)
       VALUES ($1, 'old', 'order.placed', 'order.placed', now() - interval '31 days'), ($1, 'recent', 'order.placed', 'order.placed', now() - interval '29 days')`,
      [source],
    );
    const [key] = await ds.query<Array<{ id: string }>>(
      `INSERT INTO api_keys (name, key_hash, scopes, rate_limit_per_second) VALUES ($1, $2, '{events:write}', 1) RETURNING id`,
      [`it-retention-${randomUUID()}`, randomUUID().replace(/-/g, '').padEnd(64, '0')],
    );
    await ds.query(
      `INSERT INTO idempotency_keys (api_key_id, key, request_hash, created_at, expires_at)
       VALUES ($1, 'expired', $2, now() - interval '2 days', now() - interval '1 day'), ($1, 'live', $2, now(), now() + interval '1 day')`,
      [key.id, '0'.repeat(64)],
    );

    const rules = ingestPruneRules({ INGEST_DEDUPE_RETENTION_DAYS: 30 } as EventIngestConfig);
    await new TablePruner(ds, rules, {
      intervalMs: 60_000,
      batchSize: 100,
      pauseMs: 0,
      maxBatchesPerRound: 1000,
    }).runRound();

    const events: Array<{ event_id: string }> = await ds.query(
      'SELECT event_id FROM processed_events WHERE source = $1',
      [source],
    );
    expect(events.map((e) => e.event_id)).toEqual(['recent']);
    const keys: Array<{ key: string }> = await ds.query('SELECT key FROM idempotency_keys WHERE api_key_id = $1', [
      key.id,
    ]);
    expect(keys.map((k) => k.key)).toEqual(['live']);
    await ds.query('DELETE FROM api_keys WHERE id = $1', [key.id]);
  });
});
