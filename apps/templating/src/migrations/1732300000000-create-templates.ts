import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTemplates1732300000000 implements MigrationInterface {
  name = 'CreateTemplates1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE templates (
        key                    text        NOT NULL,
        locale                 text        NOT NULL,
        version                integer     NOT NULL CHECK (version > 0),
        body                   text        NOT NULL,
        sender_profile         text        NOT NULL,
        category               text        NOT NULL CHECK (category IN ('otp', 'security', 'transactional', 'promotional')),
        registered_template_id text,
        max_segments           integer     NOT NULL CHECK (max_segments BETWEEN 1 AND 10),
        variables              jsonb       NOT NULL DEFAULT '{}'::jsonb,
        transliterate          boolean     NOT NULL DEFAULT true,
        active                 boolean     NOT NULL DEFAULT false,
        created_at             timestamptz NOT NULL DEFAULT now(),
        activated_at           timestamptz,
        PRIMARY KEY (key, locale, version)
      )`);
    // At most one active version per key and locale; the cache loads exactly these rows.
    await q.query('CREATE UNIQUE INDEX templates_one_active ON templates (key, locale) WHERE active');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE templates');
  }
}
