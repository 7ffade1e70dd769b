import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

export { SpanKind, type Attributes as SpanAttributes, type Context as TraceContextHandle, type Span };

/** Instrumentation scope of the spans Herald creates itself. */
export const HERALD_SCOPE = 'herald';

let started = false;
let parentDecides = false;

/**
 * Set by startTracing and its shutdown only. `parentBased`: the sampler follows the parent's
 * decision (the `parentbased_*` samplers, the default), so work on an unsampled record needs no span.
 */
export function markTracingStarted(on: boolean, parentBased = false): void {
  started = on;
  parentDecides = on && parentBased;
}

// W3C traceparent version 00; bit 0 of the flags is "sampled".
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-([0-9a-f]{2})$/;

/**
 * True when work that continues `traceparent` can never be sampled: its parent was not and the
 * sampler follows the parent. Such work gets no span, no context and no instrumented statement (the
 * parent's trace id travels on in the next record's traceparent, unsampled): at 1% sampling that is
 * 99% of the records, and tracing then costs them a header parse.
 */
export function unsampledParent(traceparent: string | undefined): boolean {
  if (!parentDecides || traceparent === undefined) return false;
  const flags = TRACEPARENT.exec(traceparent)?.[1];
  return flags !== undefined && (parseInt(flags, 16) & 1) === 0;
}

/** True once startTracing ran in this process: hot-path code checks it and does nothing more when off. */
export function tracingOn(): boolean {
  return started;
}

export interface SpanOptions {
  /** Defaults to the active context (an HTTP request, a consumed record's span). */
  parent?: Context;
  kind?: SpanKind;
  attributes?: Attributes;
  /** Epoch ms; defaults to now. */
  startTime?: number;
}

/** A started span (end it yourself), or undefined when tracing is off. */
export function startSpan(name: string, options: SpanOptions = {}): Span | undefined {
  if (!started) return undefined;
  const { parent = context.active(), kind = SpanKind.INTERNAL, attributes, startTime } = options;
  return trace.getTracer(HERALD_SCOPE).startSpan(name, { kind, attributes, startTime }, parent);
}

/**
 * Runs `fn` inside a new span (active while it runs, so statements and nested spans are its
 * children) and ends it when `fn` settles. A failure sets the span's status to ERROR with the
 * error's code or name only: error messages may quote inputs, and no PII goes into a span.
 * Without tracing it is `fn()`.
 */
export function inSpan<T>(name: string, attributes: Attributes, fn: (span?: Span) => T, parent?: Context): T {
  const span = startSpan(name, { parent, attributes });
  if (!span) return fn();
  const failed = (e: unknown) => {
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorLabel(e) });
    span.end();
    throw e;
  };
  let result: T;
  try {
    result = context.with(trace.setSpan(parent ?? context.active(), span), () => fn(span));
  } catch (e) {
    return failed(e);
  }
  if (result instanceof Promise) {
    return result.then((v: unknown) => {
      span.end();
      return v;
    }, failed) as T;
  }
  span.end();
  return result;
}

/** Marks a span failed with a PII-free label (an error code such as CARRIER_PERMANENT). */
export function failSpan(span: Span | undefined, label: string): void {
  span?.setStatus({ code: SpanStatusCode.ERROR, message: label });
}

/** The context a W3C `traceparent` continues (the root context when it is absent or invalid). */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/** The W3C `traceparent` that makes a downstream span a child of `span`. */
export function traceparentOf(span: Span): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier.traceparent;
}

export function spanContextOf(ctx: Context | undefined): { traceId: string; spanId: string } | undefined {
  const sc = ctx ? trace.getSpanContext(ctx) : undefined;
  return sc ? { traceId: sc.traceId, spanId: sc.spanId } : undefined;
}

function errorLabel(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return e instanceof Error ? e.name : 'error';
}

/** `parent` with `span` as its current span. */
export function contextWithSpan(parent: Context, span: Span): Context {
  return trace.setSpan(parent, span);
}

/** Runs `fn` with `ctx` active: spans started inside (Herald's, pg's) are its children. */
export function runInContext<T>(ctx: Context, fn: () => T): T {
  return context.with(ctx, fn);
}

/** The active context when a span is current in it (an HTTP request, a record's work), else undefined. */
export function activeSpanContext(): Context | undefined {
  const active = context.active();
  return trace.getSpan(active) ? active : undefined;
}
