import type { OnApplicationShutdown } from '@nestjs/common';
import type { HeraldLogger } from '../logging/create-logger';
import type { MetricsRegistry } from '../metrics/metrics-registry';
import { OtlpTraceExporter } from './otlp-trace-exporter';
import type { SpanData } from './span-data';
import { traceIdRatioSampler, type TraceSampler } from './trace-sampler';

export interface TracerOptions {
  endpoint: string;
  serviceName: string;
  serviceVersion?: string;
  /** Share of traces kept, 0..1, decided per trace id. */
  samplerRatio: number;
  logger: HeraldLogger;
  metrics?: MetricsRegistry;
}

/**
 * Exports the spans Herald mints itself instead of running the OpenTelemetry SDK, whose own span
 * ids would not be the ones carried in `traceparent`. Exists only when an endpoint is configured,
 * so code on the hot path tests `if (tracer)` and does nothing more when export is off.
 */
export class Tracer implements OnApplicationShutdown {
  readonly isSampled: TraceSampler;
  private readonly exporter: OtlpTraceExporter;

  constructor(options: TracerOptions) {
    this.isSampled = traceIdRatioSampler(options.samplerRatio);
    this.exporter = new OtlpTraceExporter({
      endpoint: options.endpoint,
      resource: { serviceName: options.serviceName, serviceVersion: options.serviceVersion },
      logger: options.logger,
      metrics: options.metrics,
    });
  }

  record(span: SpanData): void {
    this.exporter.add(span);
  }

  /** Nest calls this after consumers drained, so the spans of the last acked batch are sent. */
  onApplicationShutdown(): Promise<void> {
    return this.exporter.shutdown();
  }
}
