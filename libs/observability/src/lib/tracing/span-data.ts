/** OTLP `Span.SpanKind` values. */
export const SpanKind = { Internal: 1, Server: 2, Client: 3, Producer: 4, Consumer: 5 } as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

export type SpanAttributeValue = string | number | boolean;

/** A finished span with ids Herald minted itself (see `childTraceparent`), ready to export. */
export interface SpanData {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKind;
  startTimeMs: number;
  endTimeMs: number;
  attributes: Record<string, SpanAttributeValue>;
  status?: { code: 'ok' | 'error'; message?: string };
}
