import { IncomingMessage, type ClientRequest } from 'node:http';
import { createRequire } from 'node:module';
import { context, propagation, trace, type Span, type TextMapPropagator } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator, setGlobalErrorHandler } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import type { HeraldLogger } from '../logging/create-logger';
import { markTracingStarted } from './herald-tracer';
import type { TracingHandle } from './start-tracing';
import type { TracingSettings } from './tracing-settings';

const WARN_EVERY_MS = 60_000;

/** Incoming requests not worth a trace: probes and scrapes of the management listener. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/** The SDK part of startTracing, loaded only when tracing is on. */
export function startSdk(
  service: string,
  logger: HeraldLogger,
  settings: TracingSettings,
  env: Record<string, string | undefined>,
): TracingHandle {
  const exporter = settings.protocol === 'http/json' ? new JsonTraceExporter() : new ProtobufTraceExporter();
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': service, 'service.namespace': 'herald' }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new TracerProvider({
    resource,
    sampler: samplerOf(settings),
    spanProcessors: [new BatchSpanProcessor({ exporter, ...batchOptions(env) })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator() as TextMapPropagator);
  trace.setGlobalTracerProvider(provider);
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // An outgoing call outside any traced work (a carrier health probe) would be a trace of its own: none.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? ''),
        requireParentforOutgoingSpans: true,
        requestHook: redactQuery,
      }),
      // Statements only inside a traced unit of work; values never (enhancedDatabaseReporting off).
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  // Nest and express loaded `http` before this ran; the instrumentation patches a module when it is
  // required after registration, and `http` is one shared object, so requiring it again patches the
  // servers Nest creates next (verified: an express server started afterwards gets SERVER spans).
  const load = createRequire(__filename);
  load('node:http');
  load('node:https');
  markTracingStarted(true, settings.sampler.startsWith('parentbased_'));
  const collector = new URL(settings.endpoint).origin;
  // The SDK drops spans it cannot export (full queue, collector down) and reports it here: once a
  // minute at most, tracing must never flood the logs or slow the pipeline.
  let lastWarnAt = -Infinity;
  setGlobalErrorHandler((err) => {
    const now = Date.now();
    if (now - lastWarnAt < WARN_EVERY_MS) return;
    lastWarnAt = now;
    logger.warn({ err, collector }, 'trace export failed, spans dropped');
  });
  logger.info(
    {
      collector,
      protocol: settings.protocol,
      sampler: settings.sampler,
      samplerRatio: settings.ratio,
      serviceName: resource.attributes['service.name'],
    },
    'trace export on',
  );
  return {
    settings,
    async onApplicationShutdown() {
      unregister();
      markTracingStarted(false);
      await provider
        .shutdown()
        .catch((e: unknown) => logger.warn({ err: e, collector }, 'trace export: final flush failed'));
    },
  };
}

/**
 * Query strings carry phone numbers (`?recipient=+33...`) and, to carriers, credentials: a span keeps
 * that a query was there, never its text.
 */
function redactQuery(span: Span, request: ClientRequest | IncomingMessage): void {
  if (request instanceof IncomingMessage) {
    if (request.url?.includes('?')) span.setAttribute('url.query', 'REDACTED');
    return;
  }
  const [path, query] = request.path.split('?', 2);
  const host = request.getHeader('host') ?? request.host;
  if (query !== undefined) span.setAttribute('url.full', `${request.protocol}//${String(host)}${path}?REDACTED`);
}

function samplerOf({ sampler, ratio }: TracingSettings): Sampler {
  switch (sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }
}

/** The standard OTEL_BSP_* variables, which this SDK version leaves to the caller. */
function batchOptions(env: Record<string, string | undefined>): {
  scheduledDelayMillis?: number;
  maxQueueSize?: number;
  maxExportBatchSize?: number;
  exportTimeoutMillis?: number;
} {
  const positive = (name: string) => {
    const n = Number(env[name]);
    return env[name] && Number.isInteger(n) && n > 0 ? n : undefined;
  };
  return {
    scheduledDelayMillis: positive('OTEL_BSP_SCHEDULE_DELAY'),
    maxQueueSize: positive('OTEL_BSP_MAX_QUEUE_SIZE'),
    maxExportBatchSize: positive('OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
    exportTimeoutMillis: positive('OTEL_BSP_EXPORT_TIMEOUT'),
  };
}
