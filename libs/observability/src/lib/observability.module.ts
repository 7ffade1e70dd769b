import { DynamicModule, Global, Module } from '@nestjs/common';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-registry';
import { MetricsRegistry } from './metrics/metrics-registry';
import type { HeraldLogger } from './logging/create-logger';

export const HERALD_LOGGER = Symbol('HERALD_LOGGER');

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(opts: { metrics: MetricsRegistry; health: HealthRegistry; logger: HeraldLogger }): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController],
      providers: [
        { provide: MetricsRegistry, useValue: opts.metrics },
        { provide: HealthRegistry, useValue: opts.health },
        { provide: HERALD_LOGGER, useValue: opts.logger },
      ],
      exports: [MetricsRegistry, HealthRegistry, HERALD_LOGGER],
    };
  }
}
