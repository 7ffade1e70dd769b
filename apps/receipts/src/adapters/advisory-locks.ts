import { prepared, queryPrepared } from '@herald/persistence';
import type { EntityManager } from 'typeorm';

// Transaction-scoped advisory locks in two key spaces. Every transaction takes all its carrier
// locks before any message lock (each set sorted), so a DLR and the submit it belongs to are
// serialized without a lock-order cycle. The sweeper only try-locks.
export const LockSpace = { carrier: 1, message: 2 } as const;
type Space = (typeof LockSpace)[keyof typeof LockSpace];

// Unit separator: carrier ids are [\w.-], and PostgreSQL text cannot hold NUL.
export function carrierKey(carrierId: string, carrierMessageId: string): string {
  return `${carrierId}\u001f${carrierMessageId}`;
}

export async function lockKeys(em: EntityManager, space: Space, keys: Iterable<string>): Promise<void> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return;
  await em.query(
    'SELECT pg_advisory_xact_lock($1::int, k) FROM (SELECT DISTINCT hashtext(x) AS k FROM unnest($2::text[]) AS x) s ORDER BY k',
    [space, unique],
  );
}

/** Carrier keys then message ids, in one statement and one global order (space, hash). */
export async function lockAll(
  em: EntityManager,
  carrierKeys: Iterable<string>,
  messageIds: Iterable<string>,
): Promise<void> {
  const carriers = [...new Set(carrierKeys)];
  const messages = [...new Set(messageIds)];
  if (carriers.length === 0 && messages.length === 0) return;
  await queryPrepared(em, LOCK_ALL, [carriers, messages]);
}

const LOCK_ALL = prepared(
  'receipts_lock_all',
  `SELECT pg_advisory_xact_lock(s, k) FROM (
     SELECT DISTINCT ${LockSpace.carrier} AS s, hashtext(x) AS k FROM unnest($1::text[]) AS x
     UNION SELECT ${LockSpace.message}, hashtext(y) FROM unnest($2::text[]) AS y) l
   ORDER BY s, k`,
);

/** Rows whose carrier key and (when set) message id could both be locked without waiting. */
export async function tryLockRows(
  em: EntityManager,
  rows: ReadonlyArray<{ id: string; carrierKey: string; messageId?: string }>,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const locked: Array<{ id: string }> = await em.query(
    `SELECT c.id::text AS id FROM unnest($1::bigint[], $2::text[], $3::text[]) AS c(id, ck, mid)
      WHERE pg_try_advisory_xact_lock(${LockSpace.carrier}, hashtext(c.ck))
        AND (c.mid IS NULL OR pg_try_advisory_xact_lock(${LockSpace.message}, hashtext(c.mid)))`,
    [rows.map((r) => r.id), rows.map((r) => r.carrierKey), rows.map((r) => r.messageId ?? null)],
  );
  return locked.map((r) => r.id);
}

export async function tryLockMessages(em: EntityManager, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const locked: Array<{ id: string }> = await em.query(
    `SELECT x AS id FROM unnest($1::text[]) AS x WHERE pg_try_advisory_xact_lock(${LockSpace.message}, hashtext(x))`,
    [ids],
  );
  return locked.map((r) => r.id);
}
