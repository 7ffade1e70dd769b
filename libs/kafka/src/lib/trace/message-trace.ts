import {
  SpanKind,
  activeSpanContext,
  contextOfTraceparent,
  contextWithSpan,
  failSpan,
  inSpan,
  runInContext,
  startSpan,
  tracingOn,
  unsampledParent,
  type Span,
  type SpanAttributes,
  type TraceContextHandle,
} from '@herald/observability';
import type { EnvelopeAttributes } from '@herald/contracts';
import type { ConsumedMessage } from '../consume/consumed-message';

/** A consumed record, or what a scheduler kept of one (its envelope attributes). */
export interface TracedParent {
  attributes: Pick<EnvelopeAttributes, 'traceparent'>;
}

/** The `<topic> process` span context of each record the batch processor handles. */
const processContexts = new WeakMap<object, TraceContextHandle>();

/**
 * One CONSUMER span per record of a batch, child of the record's own `traceparent` header (W3C
 * Trace Context), so each record continues its own trace even when many traces share a batch.
 * Only ids, the topic, the partition and the offset go into it. Nothing runs when tracing is off.
 */
export function startProcessSpans(
  batch: ReadonlyArray<ConsumedMessage<unknown>>,
  group: string,
): Map<ConsumedMessage<unknown>, Span> | undefined {
  if (!tracingOn()) return undefined;
  const spans = new Map<ConsumedMessage<unknown>, Span>();
  for (const m of batch) {
    if (unsampledParent(m.attributes.traceparent)) continue;
    const parent = contextOfTraceparent(m.attributes.traceparent);
    const attributes: SpanAttributes = {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': m.topic,
      'messaging.destination.partition.id': String(m.partition),
      'messaging.kafka.offset': Number(m.offset),
      'messaging.consumer.group.name': group,
      'messaging.message.id': m.attributes.id,
    };
    const span = startSpan(`${m.topic} process`, { parent, kind: SpanKind.CONSUMER, attributes })!;
    spans.set(m, span);
    processContexts.set(m, contextWithSpan(parent, span));
  }
  return spans;
}

/** Ends the process spans; a dead-lettered record's span is an error labelled with its error code. */
export function endProcessSpans(
  spans: Map<ConsumedMessage<unknown>, Span> | undefined,
  failed: ReadonlyMap<ConsumedMessage<unknown>, string>,
): void {
  if (!spans) return;
  for (const [m, span] of spans) {
    const code = failed.get(m);
    if (code !== undefined) failSpan(span, code);
    span.end();
  }
}

/**
 * The trace context work on a record continues: its process span in this service when there is
 * one, else the record's `traceparent`. Undefined when tracing is off.
 */
export function contextOfMessage(m: TracedParent | undefined): TraceContextHandle | undefined {
  if (!tracingOn() || !m || unsampledParent(m.attributes.traceparent)) return undefined;
  return processContexts.get(m) ?? contextOfTraceparent(m.attributes.traceparent);
}

/**
 * The parent of an output's publish span: the process span of the record it derives from; else the
 * active span (the HTTP request of an ingest, itself continuing the caller's `traceparent`); else
 * the `traceparent` kept with a parked record.
 */
export function contextForOutput(parent: TracedParent | undefined): TraceContextHandle | undefined {
  return (
    (parent && processContexts.get(parent)) ??
    activeSpanContext() ??
    (parent ? contextOfTraceparent(parent.attributes.traceparent) : undefined)
  );
}

/**
 * False for an output of a record whose trace is not sampled (see unsampledParent): it gets no
 * publish span, and its traceparent is a child id in the parent's (unsampled) trace.
 */
export function outputNeedsSpan(parent: TracedParent | undefined): boolean {
  return parent === undefined || processContexts.has(parent) || !unsampledParent(parent.attributes.traceparent);
}

/** Runs `fn` with the record's trace context active (statements and spans of `fn` join its trace). */
export function withMessageTrace<T>(m: TracedParent | undefined, fn: () => T): T {
  const ctx = contextOfMessage(m);
  return ctx ? runInContext(ctx, fn) : fn();
}

/** Runs `fn` inside a Herald span named `name`, child of the record's trace. No PII in `attributes`. */
export function traceMessage<T>(m: TracedParent, name: string, attributes: SpanAttributes, fn: (span?: Span) => T): T {
  if (!tracingOn() || unsampledParent(m.attributes.traceparent)) return fn();
  return inSpan(name, attributes, fn, contextOfMessage(m));
}

/**
 * A Herald span for work already done on a record inside batch-wide code (e.g. a compliance
 * decision taken for the whole batch): it started at `startTime` and ends now. No PII in `attributes`.
 */
export function recordMessageSpan(
  m: TracedParent,
  name: string,
  attributes: SpanAttributes,
  startTime: number,
  errorCode?: string,
): void {
  if (!tracingOn() || unsampledParent(m.attributes.traceparent)) return;
  const span = startSpan(name, { parent: contextOfMessage(m), attributes, startTime });
  if (errorCode !== undefined) failSpan(span, errorCode);
  span?.end();
}
