import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `status_pending`: a row the releaser settled whose sms.status.v1 may not be produced yet. Set in
 * the UPDATE that writes the result, cleared once the status was acked; no Kafka record brings a
 * released message back, so the outbox sweep re-produces what a crash in between left. The partial
 * index holds only those rows: empty, apart from a crash window or a broker outage.
 */
export class StatusOutbox1767600000000 implements MigrationInterface {
  name = 'StatusOutbox1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE send_ledger ADD COLUMN status_pending boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX send_ledger_status_pending ON send_ledger (updated_at) WHERE status_pending`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX send_ledger_status_pending`);
    await q.query(`ALTER TABLE send_ledger DROP COLUMN status_pending`);
  }
}
