import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention pruner finds old final messages and their leftovers by index, never by scanning. */
export class RetentionIndexes1767400000000 implements MigrationInterface {
  name = 'RetentionIndexes1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX IF NOT EXISTS messages_final_age_idx ON messages (final_at) WHERE is_final');
    // Guarded: the timeline and carrier index may be folded into the message row by a later layout.
    await q.query(`DO $$ BEGIN
      IF to_regclass('timeline') IS NOT NULL THEN CREATE INDEX IF NOT EXISTS timeline_recorded_at_idx ON timeline (recorded_at); END IF;
      IF to_regclass('carrier_index') IS NOT NULL THEN CREATE INDEX IF NOT EXISTS carrier_index_created_at_idx ON carrier_index (created_at); END IF;
    END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['carrier_index_created_at_idx', 'timeline_recorded_at_idx', 'messages_final_age_idx'])
      await q.query(`DROP INDEX IF EXISTS ${index}`);
  }
}
