import { type OnApplicationBootstrap, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HERALD_LOGGER, MetricsRegistry, type HeraldLogger } from '@herald/observability';
import { TablePruner, prunerOptions, retentionHooks, type PruneRule, type RetentionConfig } from '@herald/persistence';
import { SERVICE_CONFIG } from '../bootstrap/service-config.token';

/** A service's retention: its TablePruner, started once the app is up and stopped on shutdown. */
export class TableRetention implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(readonly pruner: TablePruner) {}

  onApplicationBootstrap(): void {
    this.pruner.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.pruner.stop();
  }
}

/**
 * The one provider every service registers for its retention; the service gives only its rules
 * (which tables, how old, when a row is settled), read from its config.
 */
export function tableRetention<C extends RetentionConfig>(rules: (config: C) => PruneRule[]): Provider {
  return {
    provide: TableRetention,
    useFactory: (ds: DataSource, config: C, metrics: MetricsRegistry, logger: HeraldLogger) =>
      new TableRetention(new TablePruner(ds, rules(config), prunerOptions(config), retentionHooks(metrics, logger))),
    inject: [DataSource, SERVICE_CONFIG, MetricsRegistry, HERALD_LOGGER],
  };
}
