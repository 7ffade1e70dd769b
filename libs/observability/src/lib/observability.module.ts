import { DynamicModule, Global, Module } from '@nestjs/common';
import { HealthRegistry } from './health/health-registry';
import { ManagementServer } from './management/management-server';
import { MetricsRegistry } from './metrics/metrics-registry';
import type { HeraldLogger } from './logging/create-logger';
import type { TracingHandle } from './tracing/start-tracing';

export const HERALD_LOGGER = Symbol('HERALD_LOGGER');
/** The trace SDK of the process, or null when tracing is off; Nest flushes it at shutdown. */
const HERALD_TRACING = Symbol('HERALD_TRACING');

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(opts: {
    metrics: MetricsRegistry;
    health: HealthRegistry;
    logger: HeraldLogger;
    tracing?: TracingHandle;
  }): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [
        { provide: MetricsRegistry, useValue: opts.metrics },
        { provide: HealthRegistry, useValue: opts.health },
        { provide: ManagementServer, useValue: new ManagementServer(opts.health, opts.metrics) },
        { provide: HERALD_LOGGER, useValue: opts.logger },
        { provide: HERALD_TRACING, useValue: opts.tracing ?? null },
      ],
      exports: [MetricsRegistry, HealthRegistry, ManagementServer, HERALD_LOGGER],
    };
  }
}
