import type { DataSource, EntityManager } from 'typeorm';
import { HeraldError } from '@herald/contracts';
import { isTransientDbError } from '@herald/persistence';

/** A DataSource or a transaction's EntityManager: repositories run on either. */
export interface Queryable {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** Where a prepared statement can run: the pool, or a transaction's connection. */
export type SqlTarget = DataSource | EntityManager;

/** A transient driver error becomes a retriable DB_UNAVAILABLE: the batch is retried with backoff. */
export async function dbCall<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isTransientDbError(e)) throw new HeraldError('DB_UNAVAILABLE', `${what}: ${(e as Error).message}`, { cause: e });
    throw e;
  }
}

export const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());
