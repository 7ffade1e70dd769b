import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 19: each API key lists the brands it may send for; '{}' (keys created before) = the default brand only. */
export class ApiKeyBrands1767300000000 implements MigrationInterface {
  name = 'ApiKeyBrands1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys ADD COLUMN brands text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE api_keys DROP COLUMN brands');
  }
}
