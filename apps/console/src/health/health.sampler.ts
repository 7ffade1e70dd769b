import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { HeraldLogger } from '@herald/observability';
import { CONSOLE_CONFIG, CONSOLE_LOGGER } from '../console.tokens';
import type { ConsoleConfig } from '../console.config';
import { ConsoleKafka } from './console-kafka';
import { fromMetrics, healthSeries, type HealthSeries, type Snapshot } from './health-series';
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

  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    @Inject(CONSOLE_LOGGER) private readonly logger: HeraldLogger,
    private readonly kafka: ConsoleKafka,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sample(), this.config.sampleMs);
    void this.sample();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  series(): HealthSeries {
    return healthSeries(this.ring);
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
        snap.lag = await this.kafka.groupLags();
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
