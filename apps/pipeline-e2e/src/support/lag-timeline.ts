import type { GroupDescription } from './consumer-groups';
import { scrape } from './metrics-scrape';

export interface LagPoint {
  at: number;
  /** Lag per `topic:partition` as the service's own gauge shows it. */
  perPartition: Map<string, number>;
  total: number;
  /** The largest lag age (seconds since the oldest unconsumed record) over the partitions. */
  ageSeconds: number;
}

/** Scrapes one service's lag gauges every `everyMs`, as a Prometheus would, and keeps every point. */
export class LagTimeline {
  readonly points: LagPoint[] = [];
  private running = false;

  constructor(
    private readonly metricsUrl: string,
    private readonly prefix: string,
    private readonly group: string,
    private readonly everyMs = 250,
  ) {}

  start(): void {
    this.running = true;
    const tick = async () => {
      try {
        const [lag, age] = await Promise.all([
          scrape(this.metricsUrl, `${this.prefix}_kafka_consumer_lag_records`),
          scrape(this.metricsUrl, `${this.prefix}_kafka_consumer_lag_seconds`),
        ]);
        const mine = lag.filter((s) => s.labels.group === this.group);
        if (mine.length > 0) {
          const perPartition = new Map(mine.map((s) => [`${s.labels.topic}:${s.labels.partition}`, s.value]));
          const ages = age.filter((s) => s.labels.group === this.group).map((s) => s.value);
          this.points.push({
            at: Date.now(),
            perPartition,
            total: mine.reduce((n, s) => n + s.value, 0),
            ageSeconds: Math.max(0, ...ages),
          });
        }
      } catch {
        // the service is restarting: no point this time
      }
      if (this.running) setTimeout(tick, this.everyMs);
    };
    void tick();
  }

  stop(): void {
    this.running = false;
  }

  between(from: number, to: number): LagPoint[] {
    return this.points.filter((p) => p.at >= from && p.at <= to);
  }

  latest(): LagPoint | undefined {
    return this.points[this.points.length - 1];
  }
}

/**
 * Where Kafka's own ConsumerGroupCommand and our gauge disagree by more than one poll interval:
 * for each partition, the tool's LAG must lie between the smallest and largest gauge value scraped
 * from just before the tool ran until one poll interval (plus a scrape) after it finished; with
 * `exact`, some scraped value in that window must equal it.
 */
export function lagMismatches(
  d: GroupDescription,
  timeline: LagTimeline,
  pollIntervalMs: number,
  exact = false,
): string[] {
  const window = timeline.between(d.startedAt - 500, d.endedAt + pollIntervalMs + 1000);
  if (window.length === 0) return ['no gauge was scraped while ConsumerGroupCommand ran'];
  const out: string[] = [];
  for (const [partition, theirs] of d.lag) {
    const ours = window.map((p) => p.perPartition.get(partition)).filter((v): v is number => v !== undefined);
    if (ours.length === 0) out.push(`${partition}: the gauge has no value, ConsumerGroupCommand says ${theirs}`);
    else if (theirs < Math.min(...ours) || theirs > Math.max(...ours))
      out.push(
        `${partition}: ConsumerGroupCommand says ${theirs}, the gauge said ${Math.min(...ours)}..${Math.max(...ours)}`,
      );
    else if (exact && !ours.includes(theirs))
      out.push(
        `${partition}: ConsumerGroupCommand says ${theirs}, the gauge never did (${[...new Set(ours)].join(', ')})`,
      );
  }
  return out;
}
