import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MessageCategory } from '@herald/contracts';
import { asDbUnavailable } from '@herald/persistence';
import type { DeclaredVariables, TemplateDraft, TemplateVersion } from '../domain/template';

/** LISTEN/NOTIFY channel; the payload is `{"key","locale","version"}` of the version that became active. */
export const TEMPLATES_CHANGED_CHANNEL = 'templating_templates_changed';

interface TemplateRow {
  key: string;
  locale: string;
  version: number;
  body: string;
  sender_profile: string;
  category: MessageCategory;
  registered_template_id: string | null;
  max_segments: number;
  variables: DeclaredVariables;
  transliterate: boolean;
  active: boolean;
  created_at: Date;
  activated_at: Date | null;
  created_by: string | null;
  activated_by: string | null;
}

export interface TemplateFilter {
  key?: string;
  locale?: string;
  active?: boolean;
}

const COLUMNS =
  'key, locale, version, body, sender_profile, category, registered_template_id, max_segments, variables, transliterate, active, created_at, activated_at, created_by, activated_by';

/** Raw SQL over the `templating` schema; versions are immutable, only `active` moves. */
@Injectable()
export class TemplateRepository {
  constructor(private readonly ds: DataSource) {}

  activeFor(keys: readonly string[]): Promise<TemplateVersion[]> {
    return this.select(`SELECT ${COLUMNS} FROM templates WHERE active AND key = ANY($1::text[])`, [keys]);
  }

  allActive(): Promise<TemplateVersion[]> {
    return this.select(`SELECT ${COLUMNS} FROM templates WHERE active`, []);
  }

  /** Keys with at least one active version (any locale): what can be rendered at all. */
  async activeKeys(): Promise<string[]> {
    try {
      const rows: Array<{ key: string }> = await this.ds.query(
        'SELECT DISTINCT key FROM templates WHERE active ORDER BY key',
      );
      return rows.map((r) => r.key);
    } catch (e) {
      throw asDbUnavailable('templates query failed', e);
    }
  }

  list(filter: TemplateFilter): Promise<TemplateVersion[]> {
    return this.select(
      `SELECT ${COLUMNS} FROM templates
        WHERE ($1::text IS NULL OR key = $1) AND ($2::text IS NULL OR locale = $2) AND ($3::boolean IS NULL OR active = $3)
        ORDER BY key, locale, version DESC`,
      [filter.key ?? null, filter.locale ?? null, filter.active ?? null],
    );
  }

  async findVersion(key: string, locale: string, version: number): Promise<TemplateVersion | undefined> {
    const rows = await this.select(`SELECT ${COLUMNS} FROM templates WHERE key = $1 AND locale = $2 AND version = $3`, [
      key,
      locale,
      version,
    ]);
    return rows[0];
  }

  /** Inserts the next version of key/locale; with `activate`, it becomes the active one in the same transaction. */
  create(draft: TemplateDraft, activate: boolean, actor?: string): Promise<TemplateVersion> {
    return this.write(async (em) => {
      await lockKeyLocale(em, draft.key, draft.locale);
      const rows: TemplateRow[] = await em.query(
        `INSERT INTO templates (key, locale, version, body, sender_profile, category, registered_template_id, max_segments, variables, transliterate, created_by)
         SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7, $8::jsonb, $9, $10 FROM templates WHERE key = $1 AND locale = $2
         RETURNING ${COLUMNS}`,
        [
          draft.key,
          draft.locale,
          draft.body,
          draft.senderProfile,
          draft.category,
          draft.registeredTemplateId ?? null,
          draft.maxSegments,
          JSON.stringify(draft.variables),
          draft.transliterate,
          actor ?? null,
        ],
      );
      const created = toVersion(rows[0]);
      return activate
        ? ((await activateIn(em, created.key, created.locale, created.version, actor)) as TemplateVersion)
        : created;
    });
  }

  /** Makes `version` the active one and notifies every replica, atomically; undefined if it does not exist. */
  activate(key: string, locale: string, version: number, actor?: string): Promise<TemplateVersion | undefined> {
    return this.write(async (em) => {
      await lockKeyLocale(em, key, locale);
      return activateIn(em, key, locale, version, actor);
    });
  }

  private async select(sql: string, params: unknown[]): Promise<TemplateVersion[]> {
    try {
      const rows: TemplateRow[] = await this.ds.query(sql, params);
      return rows.map(toVersion);
    } catch (e) {
      throw asDbUnavailable('templates query failed', e);
    }
  }

  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.ds.transaction(work);
    } catch (e) {
      throw asDbUnavailable('templates query failed', e);
    }
  }
}

// Two admins saving the same key/locale at once must get versions n and n+1, not a key conflict.
async function lockKeyLocale(em: EntityManager, key: string, locale: string): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`templating:${key}/${locale}`]);
}

async function activateIn(
  em: EntityManager,
  key: string,
  locale: string,
  version: number,
  actor?: string,
): Promise<TemplateVersion | undefined> {
  const exists: unknown[] = await em.query('SELECT 1 FROM templates WHERE key = $1 AND locale = $2 AND version = $3', [
    key,
    locale,
    version,
  ]);
  if (exists.length === 0) return undefined;
  // Two statements: the partial unique index is checked row by row, so the old row must go first.
  await em.query('UPDATE templates SET active = false WHERE key = $1 AND locale = $2 AND active AND version <> $3', [
    key,
    locale,
    version,
  ]);
  const rows: TemplateRow[] = await em.query(
    `WITH updated AS (
       UPDATE templates SET active = true, activated_at = CASE WHEN active THEN activated_at ELSE now() END,
              activated_by = CASE WHEN active THEN activated_by ELSE $4 END
        WHERE key = $1 AND locale = $2 AND version = $3 RETURNING ${COLUMNS})
     SELECT * FROM updated`,
    [key, locale, version, actor ?? null],
  );
  // Delivered to listeners only when this transaction commits, so no replica reloads too early.
  await em.query('SELECT pg_notify($1, $2)', [TEMPLATES_CHANGED_CHANNEL, JSON.stringify({ key, locale, version })]);
  return toVersion(rows[0]);
}

function toVersion(row: TemplateRow): TemplateVersion {
  const version: TemplateVersion = {
    key: row.key,
    locale: row.locale,
    version: row.version,
    body: row.body,
    senderProfile: row.sender_profile,
    category: row.category,
    maxSegments: row.max_segments,
    variables: row.variables,
    transliterate: row.transliterate,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
  if (row.registered_template_id !== null) version.registeredTemplateId = row.registered_template_id;
  if (row.activated_at !== null) version.activatedAt = row.activated_at.toISOString();
  if (row.created_by) version.createdBy = row.created_by;
  if (row.activated_by) version.activatedBy = row.activated_by;
  return version;
}
