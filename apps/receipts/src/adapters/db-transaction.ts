import { HeraldError } from '@herald/contracts';
import { describeDatabaseUrl, isTransientDbError } from '@herald/persistence';
import type { DataSource, EntityManager } from 'typeorm';

/** A transaction whose transient driver failures become retriable DB_UNAVAILABLE errors. */
export async function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await ds.transaction(work);
  } catch (e) {
    if (!isTransientDbError(e)) throw e;
    const url = (ds.options as { url?: string }).url ?? '';
    throw new HeraldError('DB_UNAVAILABLE', `PostgreSQL at ${describeDatabaseUrl(url)}: ${(e as Error).message}`, { cause: e });
  }
}
