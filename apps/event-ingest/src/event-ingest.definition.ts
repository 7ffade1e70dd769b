import type { INestApplication } from '@nestjs/common';
import type { ServiceDefinition } from '@herald/service-kit';
import { AppModule, eventIngestDatabase } from './app.module';
import { EventIngestConfig } from './event-ingest.config';
import { httpMetricsMiddleware } from './http/http-metrics.middleware';
import { documentedRoutes } from './http/openapi/openapi.document';
import { rawBodyMiddleware } from './http/raw-body.middleware';
import { IngestMetrics } from './application/ingest.metrics';

export const EVENT_INGEST = 'event-ingest';

/** `service` is also the consumer group; tests and benches may run under another one. */
export function eventIngestDefinition(service = EVENT_INGEST): ServiceDefinition<EventIngestConfig> {
  return {
    service,
    config: EventIngestConfig,
    database: eventIngestDatabase,
    module: (config) => AppModule.register(config, service),
    configureApp: (app: INestApplication, config: EventIngestConfig) => {
      // Both run before Nest's own body parser, which init() registers later.
      app.use(httpMetricsMiddleware(app.get(IngestMetrics), documentedRoutes));
      app.use(rawBodyMiddleware(config.INGEST_MAX_BODY_BYTES));
    },
  };
}

export const eventIngestService: ServiceDefinition<EventIngestConfig> = eventIngestDefinition();
