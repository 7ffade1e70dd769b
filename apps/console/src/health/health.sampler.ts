import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { HeraldLogger } from '@herald/observability';
import { CONSOLE_CONFIG, CONSOLE_LOGGER } from '../console.tokens';
import type { ConsoleConfig } from '../console.config';
import { ConsoleKafka } from './console-kafka';
import { fromMetrics, healthSeries, type HealthSeries, type Snapshot } from './health-series';
import { PrometheusClient, seriesFromPrometheus } from './prometheus-series';
import { parsePrometheusText } from './prometheus-text';

const WINDOW_MS = 60 * 60 * 1000;

/**
 * The last hour of pipeline health in memory: every CONSOLE_SAMPLE_MS it scrapes each service's
 * /metrics and asks the broker for every consumer group's lag. A restart starts an empty hour.
 */
@Injectable()
export class HealthSampler implements OnModuleInit, OnModuleDestroy {
  private readonly ring: Snapshot[] = [];
  private timer?: NodeJS.Timeout;
  private running = false;
  private readonly prometheus?: PrometheusClient;

  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    @Inject(CONSOLE_LOGGER) private readonly logger: HeraldLogger,
    private readonly kafka: ConsoleKafka,
  ) {
    if (config.prometheusUrl) this.prometheus = new PrometheusClient(config.prometheusUrl.replace(/\/$/, ''));
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sample(), this.config.sampleMs);
    void this.sample();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /**
   * From the ring; with PROMETHEUS_URL, throughput, latency and delivery rates come from Prometheus
   * (its history outlives a console restart) and the lag from the broker samples (a stopped
   * consumer's own lag gauge disappears with it). Prometheus unreachable: the ring, with the reason.
   */
  async series(): Promise<HealthSeries> {
    const own = healthSeries(this.ring);
    if (!this.prometheus) return own;
    try {
      const prom = seriesFromPrometheus(await this.prometheus.lastHour(Date.now(), this.config.prometheusStepSeconds));
      const lagPoints = own.points.map((p) => ({ t: p.t, throughput: {}, latencyMs: {}, lag: p.lag }));
      // increase() skips a series' first sample, so outcomes first counted within the hour (a fresh
      // Prometheus, a new country) are missing there: the console's own samples count them.
      const delivery = {
        byCountry: prom.delivery.byCountry.length > 0 ? prom.delivery.byCountry : own.delivery.byCountry,
        byCarrier: prom.delivery.byCarrier.length > 0 ? prom.delivery.byCarrier : own.delivery.byCarrier,
      };
      return {
        ...own,
        ...prom,
        delivery,
        source: 'prometheus',
        points: [...prom.points, ...lagPoints].sort((a, b) => a.t - b.t),
      };
    } catch (e) {
      return { ...own, prometheusError: (e as Error).message };
    }
  }

  async sample(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const snap: Snapshot = { t: Date.now(), consumed: {}, stage: {}, outcomes: {}, lag: {} };
      await Promise.all(
        Object.entries(this.config.metricsTargets).map(async ([service, url]) => {
          try {
            const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
            if (res.ok) fromMetrics(service, parsePrometheusText(await res.text()), snap);
          } catch {
            // a service that is down adds nothing to this sample; its line has a gap
          }
        }),
      );
      try {
        snap.lag = await this.kafka.groupLags(this.config.lagGroups);
      } catch (e) {
        this.logger.warn({ err: (e as Error).message }, 'consumer lag not measured');
      }
      this.ring.push(snap);
      while (this.ring.length > 0 && this.ring[0].t < snap.t - WINDOW_MS) this.ring.shift();
    } finally {
      this.running = false;
    }
  }
}
