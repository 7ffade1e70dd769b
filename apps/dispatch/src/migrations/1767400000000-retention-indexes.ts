import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention pruner finds old settled rows by index, never by scanning the tables it keeps small. */
export class RetentionIndexes1767400000000 implements MigrationInterface {
  name = 'RetentionIndexes1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX IF NOT EXISTS send_ledger_settled_age ON send_ledger (updated_at) WHERE state IN ('submitted', 'failed', 'expired', 'ambiguous')`,
    );
    await q.query('CREATE INDEX IF NOT EXISTS dlr_seen_received_at ON dlr_seen (received_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS dlr_seen_received_at');
    await q.query('DROP INDEX IF EXISTS send_ledger_settled_age');
  }
}
