export { MetricsRegistry } from './lib/metrics/metrics-registry';
export { createLogger, type HeraldLogger } from './lib/logging/create-logger';
export { NestPinoLogger } from './lib/logging/nest-pino-logger';
export { maskLogValue } from './lib/logging/mask-log-value';
export { HealthRegistry, type ReadinessCheck } from './lib/health/health-registry';
export { ManagementServer } from './lib/management/management-server';
export { ObservabilityModule, HERALD_LOGGER } from './lib/observability.module';
export { startTracing, type TracingHandle } from './lib/tracing/start-tracing';
export { startInMemoryTracing, type InMemoryTracing } from './lib/tracing/in-memory-tracing';
export { OTLP_PROTOCOLS, TRACE_SAMPLERS, tracingSettings, type TracingSettings } from './lib/tracing/tracing-settings';
export {
  SpanKind,
  activeSpanContext,
  contextOfTraceparent,
  contextWithSpan,
  failSpan,
  inSpan,
  runInContext,
  spanContextOf,
  startSpan,
  traceparentOf,
  tracingOn,
  unsampledParent,
  type Span,
  type SpanAttributes,
  type SpanOptions,
  type TraceContextHandle,
} from './lib/tracing/herald-tracer';
