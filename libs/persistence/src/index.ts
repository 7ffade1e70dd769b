export { PersistenceModule, type DatabaseSpec } from './lib/persistence.module';
export { createDataSource, runMigrations, describeDatabaseUrl } from './lib/data-source';
export { asDbUnavailable, isTransientDbError, withDbErrors } from './lib/db-errors';
export type { SqlExecutor } from './lib/sql-executor';
export { prepared, queryPrepared, type PreparedStatement } from './lib/prepared-statement';
export { TablePruner, type PruneRule, type PrunerOptions, type PruneCount, type PrunerHooks } from './lib/table-pruner';
export { prunerOptions, retentionHooks, type RetentionConfig } from './lib/retention';
