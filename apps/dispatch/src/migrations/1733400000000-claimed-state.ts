import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `claimed`: a ledger row whose submit was not written yet. `submitting` now means the first submit
 * is being or was written (only such a row can be ambiguous after a crash). `owner` (the process
 * holding a claim), `payload` (the approved record, body and number still encrypted, kept only
 * while the row is open so another process can send an unstarted claim) and `next_attempt_at`
 * (when a claim's lease ends and it may be taken over).
 */
export class ClaimedState1733400000000 implements MigrationInterface {
  name = 'ClaimedState1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE send_ledger DROP CONSTRAINT IF EXISTS send_ledger_state_check`);
    await q.query(
      `ALTER TABLE send_ledger ADD CONSTRAINT send_ledger_state_check CHECK (state IN ('claimed', 'submitting', 'submitted', 'failed', 'expired', 'ambiguous'))`,
    );
    await q.query(
      `ALTER TABLE send_ledger ADD COLUMN owner uuid, ADD COLUMN payload jsonb, ADD COLUMN next_attempt_at timestamptz`,
    );
    await q.query(`CREATE INDEX send_ledger_due ON send_ledger (next_attempt_at) WHERE state = 'claimed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX send_ledger_due`);
    await q.query(`DELETE FROM send_ledger WHERE state = 'claimed'`);
    await q.query(`ALTER TABLE send_ledger DROP COLUMN owner, DROP COLUMN payload, DROP COLUMN next_attempt_at`);
    await q.query(`ALTER TABLE send_ledger DROP CONSTRAINT send_ledger_state_check`);
    await q.query(
      `ALTER TABLE send_ledger ADD CONSTRAINT send_ledger_state_check CHECK (state IN ('submitting', 'submitted', 'failed', 'expired', 'ambiguous'))`,
    );
  }
}
