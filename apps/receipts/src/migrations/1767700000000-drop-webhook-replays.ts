import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carrier status callbacks moved to dispatch (its carrier plugins verify them; redeliveries are
 * deduplicated on dispatch's dlr_seen), so receipts' replay table has no reader left.
 */
export class DropWebhookReplays1767700000000 implements MigrationInterface {
  name = 'DropWebhookReplays1767700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS webhook_replays');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_replays (
        carrier_id text NOT NULL,
        signature text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (carrier_id, signature)
      )`);
    await q.query('CREATE INDEX webhook_replays_expiry_idx ON webhook_replays (expires_at)');
  }
}
