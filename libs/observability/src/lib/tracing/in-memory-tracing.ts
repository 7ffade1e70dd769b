import { context, propagation, trace, type TextMapPropagator } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { markTracingStarted } from './herald-tracer';

export interface InMemoryTracing {
  /** Every span ended since the start, in the order they ended. */
  spans(): ReadableSpan[];
  stop(): Promise<void>;
}

/**
 * The real SDK with an in-memory exporter, for unit tests of code that makes spans: the same
 * global registration as startTracing (context manager, W3C propagator, provider), no network.
 * The SDK's modules load here, not when this library is imported.
 */
export async function startInMemoryTracing(): Promise<InMemoryTracing> {
  const [
    { AsyncLocalStorageContextManager },
    { W3CTraceContextPropagator },
    { AlwaysOnSampler, InMemorySpanExporter, ParentBasedSampler, SimpleSpanProcessor, TracerProvider },
  ] = await Promise.all([
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/sdk-trace'),
  ]);
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator() as TextMapPropagator);
  trace.setGlobalTracerProvider(provider);
  markTracingStarted(true, true);
  return {
    spans: () => exporter.getFinishedSpans(),
    async stop() {
      markTracingStarted(false);
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
