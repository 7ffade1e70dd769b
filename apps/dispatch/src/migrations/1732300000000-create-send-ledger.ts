import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The send ledger (one row per message id, written before the submit) and receipts seen.
 * `meta` is what a status record needs (tokens and codes, no personal data); `result` is the
 * status reported, replayed when the message is consumed again.
 */
export class CreateSendLedger1732300000000 implements MigrationInterface {
  name = 'CreateSendLedger1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE send_ledger (
        message_id uuid PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('submitting', 'submitted', 'failed', 'expired', 'ambiguous')),
        carrier_id text,
        carrier_message_ids text[] NOT NULL DEFAULT '{}',
        attempts integer NOT NULL DEFAULT 0,
        segments integer NOT NULL,
        last_error text,
        meta jsonb NOT NULL,
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX send_ledger_carrier_message_ids ON send_ledger USING gin (carrier_message_ids)`);
    await q.query(
      `CREATE INDEX send_ledger_open ON send_ledger (updated_at) WHERE state IN ('submitting', 'ambiguous')`,
    );
    await q.query(`
      CREATE TABLE dlr_seen (
        carrier_id text NOT NULL,
        carrier_message_id text NOT NULL,
        message_id uuid,
        stat text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (carrier_id, carrier_message_id, stat)
      )`);
    await q.query(`CREATE INDEX dlr_seen_message_id ON dlr_seen (message_id) WHERE message_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dlr_seen');
    await q.query('DROP TABLE send_ledger');
  }
}
