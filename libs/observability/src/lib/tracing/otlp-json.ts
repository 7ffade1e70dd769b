import type { SpanAttributeValue, SpanData } from './span-data';

export interface OtlpResource {
  serviceName: string;
  serviceVersion?: string;
}

export interface OtlpKeyValue {
  key: string;
  value: { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  status: { code: number; message?: string };
}

export interface OtlpTraceRequest {
  resourceSpans: Array<{
    resource: { attributes: OtlpKeyValue[] };
    scopeSpans: Array<{ scope: { name: string }; spans: OtlpSpan[] }>;
  }>;
}

export const OTLP_SCOPE_NAME = 'herald';

// OTLP/JSON (opentelemetry-proto, "JSON Protobuf Encoding"): ids are lowercase hex, not base64;
// enums are integers; fixed64/int64 values are decimal strings.
const STATUS_CODE = { unset: 0, ok: 1, error: 2 } as const;

/** The body of `POST /v1/traces` for spans of one service. */
export function toOtlpTraceRequest(spans: readonly SpanData[], resource: OtlpResource): OtlpTraceRequest {
  const resourceAttributes: Record<string, SpanAttributeValue> = { 'service.name': resource.serviceName };
  if (resource.serviceVersion !== undefined) resourceAttributes['service.version'] = resource.serviceVersion;
  return {
    resourceSpans: [
      {
        resource: { attributes: toKeyValues(resourceAttributes) },
        scopeSpans: [{ scope: { name: OTLP_SCOPE_NAME }, spans: spans.map(toOtlpSpan) }],
      },
    ],
  };
}

export function toOtlpSpan(span: SpanData): OtlpSpan {
  const status = span.status ? { code: STATUS_CODE[span.status.code], message: span.status.message } : { code: STATUS_CODE.unset };
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: unixNano(span.startTimeMs),
    endTimeUnixNano: unixNano(span.endTimeMs),
    attributes: toKeyValues(span.attributes),
    status,
  };
}

function toKeyValues(attributes: Record<string, SpanAttributeValue>): OtlpKeyValue[] {
  return Object.entries(attributes).map(([key, v]) => ({ key, value: toAnyValue(v) }));
}

function toAnyValue(v: SpanAttributeValue): OtlpKeyValue['value'] {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isSafeInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

function unixNano(ms: number): string {
  return (BigInt(Math.round(ms)) * 1_000_000n).toString();
}
