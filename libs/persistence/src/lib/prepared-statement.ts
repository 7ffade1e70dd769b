import { DataSource, EntityManager } from 'typeorm';

/**
 * A statement PostgreSQL parses and plans once per connection, then only binds and runs: for the
 * statements every batch runs. Names are global per connection, so each must be unique in a service;
 * the text must never change under one name (pg refuses a name reused with another text).
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export function prepared(name: string, text: string): PreparedStatement {
  return { name, text };
}

interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * TypeORM's query() sends every statement unnamed (parsed and planned on every call) and has no way to
 * name one, so a named statement goes to node-postgres underneath: the pool of a DataSource, or the
 * connection a transaction's EntityManager holds (same transaction, same client).
 */
export async function queryPrepared<T>(
  on: DataSource | EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  const target = await pgTarget(on);
  const result = await target.query({ name: statement.name, text: statement.text, values });
  return result.rows as T[];
}

async function pgTarget(on: DataSource | EntityManager): Promise<PgQueryable> {
  if (on instanceof EntityManager && on.queryRunner !== undefined && !on.queryRunner.isReleased) {
    return (await on.queryRunner.connect()) as PgQueryable;
  }
  const ds = on instanceof DataSource ? on : on.connection;
  if (ds.options.type !== 'postgres') throw new Error(`prepared statements need PostgreSQL, not ${ds.options.type}`);
  return (ds.driver as unknown as { master: PgQueryable }).master;
}
