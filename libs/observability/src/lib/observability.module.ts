import { DynamicModule, Global, Module } from '@nestjs/common';
import { HealthRegistry } from './health/health-registry';
import { ManagementServer } from './management/management-server';
import { MetricsRegistry } from './metrics/metrics-registry';
import type { HeraldLogger } from './logging/create-logger';
import type { Tracer } from './tracing/tracer';

export const HERALD_LOGGER = Symbol('HERALD_LOGGER');
/** The service's `Tracer`, or null when trace export is off. */
export const HERALD_TRACER = Symbol('HERALD_TRACER');

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(opts: { metrics: MetricsRegistry; health: HealthRegistry; logger: HeraldLogger; tracer?: Tracer }): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [
        { provide: MetricsRegistry, useValue: opts.metrics },
        { provide: HealthRegistry, useValue: opts.health },
        { provide: ManagementServer, useValue: new ManagementServer(opts.health, opts.metrics) },
        { provide: HERALD_LOGGER, useValue: opts.logger },
        { provide: HERALD_TRACER, useValue: opts.tracer ?? null },
      ],
      exports: [MetricsRegistry, HealthRegistry, ManagementServer, HERALD_LOGGER, HERALD_TRACER],
    };
  }
}
