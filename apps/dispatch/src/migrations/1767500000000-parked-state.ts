import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `parked`: a message no usable route could take now (carrier unbound, circuit open, throttled or
 * its window full past the batch bound). It keeps its payload and waits for `next_attempt_at`,
 * when the releaser claims it again; `parks` counts the parkings for the backoff.
 */
export class ParkedState1767500000000 implements MigrationInterface {
  name = 'ParkedState1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE send_ledger DROP CONSTRAINT IF EXISTS send_ledger_state_check`);
    await q.query(
      `ALTER TABLE send_ledger ADD CONSTRAINT send_ledger_state_check CHECK (state IN ('claimed', 'parked', 'submitting', 'submitted', 'failed', 'expired', 'ambiguous'))`,
    );
    await q.query(`ALTER TABLE send_ledger ADD COLUMN parks integer NOT NULL DEFAULT 0`);
    await q.query(`DROP INDEX IF EXISTS send_ledger_due`);
    await q.query(`CREATE INDEX send_ledger_due ON send_ledger (next_attempt_at) WHERE state IN ('claimed', 'parked')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE send_ledger SET state = 'claimed' WHERE state = 'parked'`);
    await q.query(`DROP INDEX send_ledger_due`);
    await q.query(`CREATE INDEX send_ledger_due ON send_ledger (next_attempt_at) WHERE state = 'claimed'`);
    await q.query(`ALTER TABLE send_ledger DROP COLUMN parks`);
    await q.query(`ALTER TABLE send_ledger DROP CONSTRAINT send_ledger_state_check`);
    await q.query(
      `ALTER TABLE send_ledger ADD CONSTRAINT send_ledger_state_check CHECK (state IN ('claimed', 'submitting', 'submitted', 'failed', 'expired', 'ambiguous'))`,
    );
  }
}
