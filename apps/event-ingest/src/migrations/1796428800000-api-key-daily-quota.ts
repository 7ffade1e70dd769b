import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: a daily request quota per API key. api_keys.daily_quota overrides
 * INGEST_API_KEY_DAILY_QUOTA for one key (NULL: the configured default); api_key_usage counts each
 * key's requests per UTC day in PostgreSQL, so the quota holds across replicas.
 */
export class ApiKeyDailyQuota1796428800000 implements MigrationInterface {
  name = 'ApiKeyDailyQuota1796428800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE api_keys ADD COLUMN daily_quota integer');
    await q.query(`
      CREATE TABLE api_key_usage (
        api_key_id uuid NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
        day date NOT NULL,
        requests integer NOT NULL,
        PRIMARY KEY (api_key_id, day)
      )`);
    await q.query('CREATE INDEX api_key_usage_day_idx ON api_key_usage (day)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_key_usage');
    await q.query('ALTER TABLE api_keys DROP COLUMN daily_quota');
  }
}
