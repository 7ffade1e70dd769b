export { MetricsRegistry } from './lib/metrics/metrics-registry';
export { createLogger, type HeraldLogger } from './lib/logging/create-logger';
export { NestPinoLogger } from './lib/logging/nest-pino-logger';
export { maskLogValue } from './lib/logging/mask-log-value';
export { HealthRegistry, type ReadinessCheck } from './lib/health/health-registry';
export { ManagementServer } from './lib/management/management-server';
export { ObservabilityModule, HERALD_LOGGER, HERALD_TRACER } from './lib/observability.module';
export { Tracer, type TracerOptions } from './lib/tracing/tracer';
export { SpanKind, type SpanData, type SpanAttributeValue } from './lib/tracing/span-data';
