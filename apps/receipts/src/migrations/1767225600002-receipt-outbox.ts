import type { MigrationInterface, QueryRunner } from 'typeorm';

// Public receipts are produced after their transaction commits; until this process has seen them
// acked they ride in their message row (no extra row written). Timeout receipts, which no consumed
// record can bring back, are found through the partial index and cleared once produced.
export class ReceiptOutbox1767225600002 implements MigrationInterface {
  name = 'ReceiptOutbox1767225600002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE messages ADD COLUMN outbox jsonb');
    await q.query(
      `CREATE INDEX messages_sweep_outbox_idx ON messages (message_id) WHERE outbox @> '[{"src":"sweep"}]'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX messages_sweep_outbox_idx');
    await q.query('ALTER TABLE messages DROP COLUMN outbox');
  }
}
