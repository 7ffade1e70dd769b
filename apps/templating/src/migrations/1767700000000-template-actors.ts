import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who saved a version and who last activated it: the templates' change trail (X-Herald-Operator). */
export class TemplateActors1767700000000 implements MigrationInterface {
  name = 'TemplateActors1767700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE templates ADD COLUMN IF NOT EXISTS created_by text, ADD COLUMN IF NOT EXISTS activated_by text',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE templates DROP COLUMN IF EXISTS activated_by, DROP COLUMN IF EXISTS created_by');
  }
}
