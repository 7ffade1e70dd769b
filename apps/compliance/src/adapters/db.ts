import type { DataSource, EntityManager } from 'typeorm';

/** Where a prepared statement can run: the pool, or a transaction's connection. */
export type SqlTarget = DataSource | EntityManager;

export const iso = (value: Date | string): string =>
  value instanceof Date ? value.toISOString() : new Date(value).toISOString();
