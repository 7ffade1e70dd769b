import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `processes`: each running dispatch process (its ledger `owner` id) and when it last announced
 * itself (every 5 s). A `submitting` row whose owner has not been seen for
 * `DISPATCH_RECONCILE_AFTER_MS` was left by a process that died mid-send; when no record brings the
 * message back (a parked message the releaser was sending), a live process reconciles it. Rows of
 * processes gone for a day are pruned; a row without one counts as a stopped process's.
 */
export class ProcessLiveness1767800000000 implements MigrationInterface {
  name = 'ProcessLiveness1767800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE processes (owner uuid PRIMARY KEY, started_at timestamptz NOT NULL DEFAULT now(), seen_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE processes`);
  }
}
