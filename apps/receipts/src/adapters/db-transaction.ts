import { describeDatabaseUrl, withDbErrors } from '@herald/persistence';
import type { DataSource, EntityManager } from 'typeorm';

/** A transaction whose transient driver failures become retriable DB_UNAVAILABLE errors. */
export function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const url = (ds.options as { url?: string }).url ?? '';
  return withDbErrors(`PostgreSQL at ${describeDatabaseUrl(url)}`, () => ds.transaction(work));
}
