import type { HeraldLogger, MetricsRegistry } from '@herald/observability';
import type { PrunerHooks, PrunerOptions } from './table-pruner';

/** The shared RETENTION_* keys of BaseServiceConfig. */
export interface RetentionConfig {
  RETENTION_INTERVAL_MS: number;
  RETENTION_BATCH_SIZE: number;
  RETENTION_PAUSE_MS: number;
  RETENTION_MAX_BATCHES: number;
}

export function prunerOptions(config: RetentionConfig): PrunerOptions {
  return {
    intervalMs: config.RETENTION_INTERVAL_MS,
    batchSize: config.RETENTION_BATCH_SIZE,
    pauseMs: config.RETENTION_PAUSE_MS,
    maxBatchesPerRound: config.RETENTION_MAX_BATCHES,
  };
}

/** Every service's pruner reports the same way: herald_<service>_retention_deleted_rows_total{table}, a line per round that deleted, a warning per failed round. */
export function retentionHooks(metrics: MetricsRegistry, logger: HeraldLogger): PrunerHooks {
  const deletedRows = metrics.counter(
    'retention_deleted_rows_total',
    'Rows deleted by the retention pruner, by table',
    ['table'],
  );
  return {
    onRound: (counts) => {
      for (const c of counts) if (c.deleted > 0) deletedRows.inc({ table: c.table }, c.deleted);
      const deleted = counts.filter((c) => c.deleted > 0);
      if (deleted.length > 0)
        logger.info({ deleted: Object.fromEntries(deleted.map((c) => [c.table, c.deleted])) }, 'retention round');
    },
    onError: (e) =>
      logger.warn(
        { err: (e as Error).message },
        'retention round failed (database unavailable?); the next round retries',
      ),
  };
}
