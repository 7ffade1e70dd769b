import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type Labels<L extends string> = readonly L[];

/**
 * How often the event-loop delay histogram (`nodejs_eventloop_lag_*`) samples. prom-client's 10 ms
 * default is a native timer waking every process 100 times a second forever: most of an idle
 * service's CPU. At 100 ms the lag percentiles still show any block longer than 100 ms.
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

/**
 * One prom-client registry per service. Every metric created here is named
 * `herald_<service>_<noun>_<unit>` so dashboards can tell services apart without relabelling;
 * standard Node process metrics keep their usual names with a `service` default label.
 */
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly prefix: string;

  constructor(readonly service: string) {
    this.prefix = `herald_${service.replace(/-/g, '_')}_`;
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  }

  counter<L extends string>(name: string, help: string, labelNames: Labels<L> = []): Counter<L> {
    return this.getOr(
      name,
      () => new Counter({ name: this.prefix + name, help, labelNames, registers: [this.registry] }),
    );
  }

  gauge<L extends string>(name: string, help: string, labelNames: Labels<L> = []): Gauge<L> {
    return this.getOr(
      name,
      () => new Gauge({ name: this.prefix + name, help, labelNames, registers: [this.registry] }),
    );
  }

  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: Labels<L> = [],
    buckets?: number[],
  ): Histogram<L> {
    return this.getOr(
      name,
      () => new Histogram({ name: this.prefix + name, help, labelNames, buckets, registers: [this.registry] }),
    );
  }

  metricsText(): Promise<string> {
    return this.registry.metrics();
  }

  // Two modules asking for the same metric get the same instance instead of a registration error.
  private getOr<M>(name: string, create: () => M): M {
    return (this.registry.getSingleMetric(this.prefix + name) as M | undefined) ?? create();
  }
}
