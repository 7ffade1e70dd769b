import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rerouting after a final `undelivered` (a carrier opted in with `rerouteOnUndelivered`):
 * `tried_carriers` are the carriers an earlier attempt of the message went to (never chosen again,
 * and their later reports about it are superseded); `reroutes` counts the moves. Such a carrier's
 * submitted rows keep their (encrypted) payload until a final report, so the message can be sent
 * again as the same message id.
 */
export class Reroute1767700000000 implements MigrationInterface {
  name = 'Reroute1767700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE send_ledger ADD COLUMN tried_carriers text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE send_ledger ADD COLUMN reroutes integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE send_ledger DROP COLUMN reroutes`);
    await q.query(`ALTER TABLE send_ledger DROP COLUMN tried_carriers`);
  }
}
