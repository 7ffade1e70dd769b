import { Tracer, type HeraldLogger, type MetricsRegistry } from '@herald/observability';
import type { BaseServiceConfig } from './base-service.config';

/** Undefined, and so no cost on the hot path, unless OTEL_EXPORTER_OTLP_ENDPOINT is set. */
export function tracerFromConfig(service: string, c: BaseServiceConfig, logger: HeraldLogger, metrics?: MetricsRegistry): Tracer | undefined {
  const endpoint = c.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return undefined;
  const serviceName = c.OTEL_SERVICE_NAME ?? service;
  logger.info({ collector: new URL(endpoint).origin, serviceName, samplerRatio: c.OTEL_TRACES_SAMPLER_ARG }, 'trace export on');
  return new Tracer({ endpoint, serviceName, samplerRatio: c.OTEL_TRACES_SAMPLER_ARG, logger, metrics });
}
