import type { HeraldLogger } from '../logging/create-logger';
import type { MetricsRegistry } from '../metrics/metrics-registry';
import { toOtlpTraceRequest, type OtlpResource } from './otlp-json';
import type { SpanData } from './span-data';

export interface OtlpTraceExporterOptions {
  /** Collector base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<endpoint>/v1/traces`. */
  endpoint: string;
  resource: OtlpResource;
  logger: HeraldLogger;
  metrics?: MetricsRegistry;
  maxQueueSize?: number;
  maxBatchSize?: number;
  intervalMs?: number;
  timeoutMs?: number;
  clock?: () => number;
}

const WARN_EVERY_MS = 60_000;

/**
 * Spans are queued and posted as OTLP/JSON in batches (every `intervalMs` or `maxBatchSize` spans),
 * one request at a time. Tracing must never slow or break the pipeline: a full queue drops the new
 * span, a failed post drops its batch, both are counted, and a failure is logged once a minute.
 */
export class OtlpTraceExporter {
  private readonly url: string;
  private readonly collector: string;
  private readonly maxQueueSize: number;
  private readonly maxBatchSize: number;
  private readonly timeoutMs: number;
  private readonly clock: () => number;
  private readonly timer: NodeJS.Timeout;
  private readonly dropCounter;
  private readonly exportCounter;
  private readonly queue: SpanData[] = [];
  private sending?: Promise<void>;
  private lastWarnAt = -Infinity;
  private failuresSinceWarn = 0;
  /** Spans dropped since start, whatever the reason. */
  dropped = 0;

  constructor(private readonly options: OtlpTraceExporterOptions) {
    this.url = `${options.endpoint.replace(/\/+$/, '')}/v1/traces`;
    this.collector = new URL(this.url).origin;
    this.maxQueueSize = options.maxQueueSize ?? 2048;
    this.maxBatchSize = options.maxBatchSize ?? 512;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.clock = options.clock ?? Date.now;
    this.dropCounter = options.metrics?.counter('trace_spans_dropped_total', 'Spans not exported: queue full or export failed', ['reason']);
    this.exportCounter = options.metrics?.counter('trace_spans_exported_total', 'Spans accepted by the OTLP collector');
    this.timer = setInterval(() => this.kick(), options.intervalMs ?? 1000).unref();
  }

  add(span: SpanData): void {
    if (this.queue.length >= this.maxQueueSize) {
      this.drop(1, 'queue_full');
      return;
    }
    this.queue.push(span);
    if (this.queue.length >= this.maxBatchSize) this.kick();
  }

  /** Sends what is queued, for at most one request timeout; never rejects. */
  async shutdown(): Promise<void> {
    clearInterval(this.timer);
    this.kick();
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([this.sending, new Promise<void>((resolve) => (deadline = setTimeout(resolve, this.timeoutMs).unref()))]);
    clearTimeout(deadline);
  }

  private kick(): void {
    if (this.sending || this.queue.length === 0) return;
    this.sending = this.drain().finally(() => (this.sending = undefined));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatchSize);
      try {
        await this.post(batch);
        this.exportCounter?.inc(batch.length);
      } catch (e) {
        this.drop(batch.length, 'export_failed');
        this.warnThrottled(e);
      }
    }
  }

  private async post(spans: SpanData[]): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(toOtlpTraceRequest(spans, this.options.resource)),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // Read the answer even when unused so the keep-alive connection is released.
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`collector answered HTTP ${res.status}`);
  }

  private drop(count: number, reason: 'queue_full' | 'export_failed'): void {
    this.dropped += count;
    this.dropCounter?.inc({ reason }, count);
  }

  private warnThrottled(e: unknown): void {
    this.failuresSinceWarn++;
    const now = this.clock();
    if (now - this.lastWarnAt < WARN_EVERY_MS) return;
    this.lastWarnAt = now;
    // fetch hides the socket error (ECONNREFUSED, ENOTFOUND) in `cause`.
    const err = (e as { cause?: unknown }).cause ?? e;
    this.options.logger.warn({ err, collector: this.collector, failures: this.failuresSinceWarn, droppedSpans: this.dropped }, 'trace export failed, spans dropped');
    this.failuresSinceWarn = 0;
  }
}
