import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_TEMPLATES_V1 } from './seed-templates.v1';

export class SeedTemplates1732300000001 implements MigrationInterface {
  name = 'SeedTemplates1732300000001';

  async up(q: QueryRunner): Promise<void> {
    const rows = SEED_TEMPLATES_V1.map((t) => ({
      key: t.key,
      locale: t.locale,
      body: t.body,
      sender_profile: t.senderProfile,
      category: t.category,
      max_segments: t.maxSegments,
      variables: t.variables,
      transliterate: t.transliterate,
    }));
    await q.query(
      `INSERT INTO templates (key, locale, version, body, sender_profile, category, max_segments, variables, transliterate, active, activated_at)
       SELECT r.key, r.locale, 1, r.body, r.sender_profile, r.category, r.max_segments, r.variables, r.transliterate, true, now()
         FROM jsonb_to_recordset($1::jsonb)
           AS r(key text, locale text, body text, sender_profile text, category text, max_segments integer, variables jsonb, transliterate boolean)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM templates WHERE version = 1 AND key = ANY($1::text[])', [
      [...new Set(SEED_TEMPLATES_V1.map((t) => t.key))],
    ]);
  }
}
