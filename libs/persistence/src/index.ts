export { PersistenceModule, type DatabaseSpec } from './lib/persistence.module';
export { createDataSource, runMigrations, describeDatabaseUrl } from './lib/data-source';
export { isTransientDbError } from './lib/db-errors';
export { prepared, queryPrepared, type PreparedStatement } from './lib/prepared-statement';
export { TablePruner, type PruneRule, type PrunerOptions, type PruneCount, type PrunerHooks } from './lib/table-pruner';
export { prunerOptions, retentionHooks, type RetentionConfig } from './lib/retention';
