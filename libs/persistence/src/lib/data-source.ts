import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { HeraldError } from '@herald/contracts';

export interface DatabaseSpec {
  /** PostgreSQL schema owned by one service; no service reads another's. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/** host:port of a URL, for error lines; never the credentials. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(malformed DATABASE_URL)';
  }
}

export function createDataSource(url: string, spec: DatabaseSpec): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema: spec.schema,
    entities: spec.entities,
    migrations: spec.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    poolSize: spec.poolSize ?? 10,
    // Unqualified names in raw SQL resolve to the service's own schema.
    extra: { options: `-c search_path=${spec.schema}`, connectionTimeoutMillis: 5000 },
  });
}

/** Connects, creates the service's schema if missing, applies pending migrations. Never synchronize. */
export async function runMigrations(ds: DataSource, url: string): Promise<string[]> {
  try {
    if (!ds.isInitialized) await ds.initialize();
  } catch (e) {
    throw new HeraldError(
      'DB_UNAVAILABLE',
      `cannot reach PostgreSQL at ${describeDatabaseUrl(url)} (DATABASE_URL): ${(e as Error).message}`,
      { cause: e },
    );
  }
  const schema = (ds.options as { schema: string }).schema;
  await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  // Two replicas starting together must not apply the same migration twice.
  return ds.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`herald-migrations-${schema}`]);
    const applied = await ds.runMigrations({ transaction: 'none' });
    return applied.map((m) => m.name);
  });
}
