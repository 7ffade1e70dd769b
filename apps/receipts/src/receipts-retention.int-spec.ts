import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TablePruner, createDataSource, runMigrations } from '@herald/persistence';
import { receiptsDatabase } from './adapters/receipts-database';
import { receiptsPruneRules } from './adapters/receipts-retention';
import type { ReceiptsConfig } from './receipts.config';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald';
const config = { RECEIPTS_MESSAGE_RETENTION_DAYS: 30 } as ReceiptsConfig;

describe('receipts retention on the real database', () => {
  let ds: DataSource;
  let hasOutbox: boolean;
  beforeAll(async () => {
    ds = createDataSource(url, receiptsDatabase);
    await runMigrations(ds, url);
    const cols: unknown[] = await ds.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = 'receipts' AND table_name = 'messages' AND column_name = 'outbox'`,
    );
    hasOutbox = cols.length === 1;
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  // The schema is shared with other tests: rows here are 40 or 10 days old, and only these ids are read back.
  async function message(o: { final: boolean; ageDays: number; outbox?: boolean }): Promise<string> {
    const id = randomUUID();
    const at = new Date(Date.now() - o.ageDays * 86_400_000);
    await ds.query(
      `INSERT INTO messages (message_id, state, is_final, source_event_id, source_event_type, template_key, locale, category, country, recipient_token, final_at, state_at, created_at)
       VALUES ($1, $2, $3, 'evt', 'order.placed', 'order.placed', 'fr-FR', 'transactional', 'FR', 'tok', $4, $5, $5)`,
      [id, o.final ? 'delivered' : 'submitted', o.final, o.final ? at : null, at],
    );
    if (o.outbox)
      await ds.query(`UPDATE messages SET outbox = '[{"id":"r1","src":"sweep"}]' WHERE message_id = $1`, [id]);
    await ds.query(
      `INSERT INTO timeline (message_id, event_key, kind, applied, source, occurred_at, recorded_at) VALUES ($1, 'status:submitted', 'status', true, 'dispatch', $2, $2)`,
      [id, at],
    );
    await ds.query(
      'INSERT INTO carrier_index (carrier_id, carrier_message_id, message_id, created_at) VALUES ($1, $2, $3, $4)',
      ['it', randomUUID(), id, at],
    );
    return id;
  }

  const left = async (table: string, ids: string[]) =>
    (
      (await ds.query(`SELECT DISTINCT message_id FROM ${table} WHERE message_id = ANY($1::uuid[])`, [ids])) as Array<{
        message_id: string;
      }>
    )
      .map((r) => r.message_id)
      .sort();

  it('prunes final messages past RECEIPTS_MESSAGE_RETENTION_DAYS with their timeline and carrier ids; keeps live, recent and unpublished ones', async () => {
    const gone = await message({ final: true, ageDays: 40 });
    const kept = [await message({ final: false, ageDays: 40 }), await message({ final: true, ageDays: 10 })];
    if (hasOutbox) kept.push(await message({ final: true, ageDays: 40, outbox: true }));

    const counts = await new TablePruner(ds, receiptsPruneRules(config), {
      intervalMs: 60_000,
      batchSize: 100,
      pauseMs: 0,
      maxBatchesPerRound: 1000,
    }).runRound();
    expect(counts.map((c) => c.table)).toEqual(['messages', 'timeline', 'carrier_index']);

    const all = [gone, ...kept];
    const expected = [...kept].sort();
    expect({
      messages: await left('messages', all),
      timeline: await left('timeline', all),
      carrierIndex: await left('carrier_index', all),
    }).toEqual({
      messages: expected,
      timeline: expected,
      carrierIndex: expected,
    });
  });
});
