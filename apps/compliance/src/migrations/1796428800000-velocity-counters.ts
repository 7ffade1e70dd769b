import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SMS-pumping counters (issue 19): one row per velocity rule, scope value (country or number
 * prefix) and fixed window, shared by every replica so a limit holds for all of them together.
 */
export class VelocityCounters1796428800000 implements MigrationInterface {
  name = 'VelocityCounters1796428800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE velocity_counters (
        key text NOT NULL,
        bucket_start timestamptz NOT NULL,
        count integer NOT NULL,
        window_ms bigint NOT NULL,
        PRIMARY KEY (key, bucket_start)
      )`);
    await q.query('CREATE INDEX velocity_counters_bucket_idx ON velocity_counters (bucket_start)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE velocity_counters');
  }
}
