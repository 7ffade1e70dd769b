import type { DeliveryRate, HealthSeries } from './health-series';

/** One series of a Prometheus range query (`resultType: matrix`) or instant query (`vector`), as its HTTP API answers. */
export interface PromSeries {
  metric: Record<string, string>;
  values?: Array<[number, string]>;
  value?: [number, string];
}

const HERALD = (suffix: string) => `{__name__=~"herald_.+_${suffix}"}`;

/** The PromQL behind each chart: the services' own metrics, by the `service` label the shipped scrape job sets. */
export const PROMQL = {
  throughput: `sum by (service) (rate(${HERALD('kafka_records_consumed_total')}[1m]))`,
  latencyMs: `1000 * sum by (service) (rate(${HERALD('stage_latency_seconds_sum')}[1m])) / sum by (service) (rate(${HERALD('stage_latency_seconds_count')}[1m]))`,
  delivered: (by: 'country' | 'carrier') =>
    `sum by (${by}) (increase(herald_receipts_delivery_outcomes_total{state="delivered"}[1h]))`,
  final: (by: 'country' | 'carrier') => `sum by (${by}) (increase(herald_receipts_delivery_outcomes_total[1h]))`,
};

export interface PromAnswers {
  throughput: PromSeries[];
  latencyMs: PromSeries[];
  deliveredByCountry: PromSeries[];
  finalByCountry: PromSeries[];
  deliveredByCarrier: PromSeries[];
  finalByCarrier: PromSeries[];
}

const finite = (v: string) => {
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

function rates(delivered: PromSeries[], final: PromSeries[], label: string): DeliveryRate[] {
  const done = new Map(delivered.map((s) => [s.metric[label] ?? '?', finite(s.value?.[1] ?? '') ?? 0]));
  return final
    .map((s) => {
      const key = s.metric[label] ?? '?';
      const total = Math.round(finite(s.value?.[1] ?? '') ?? 0);
      const ok = Math.round(done.get(key) ?? 0);
      return { key, delivered: ok, final: total, rate: total === 0 ? 0 : ok / total };
    })
    .filter((r) => r.final > 0)
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Prometheus' answers -> the charts' points (throughput, latency; lag comes from the broker) and delivery rates. */
export function seriesFromPrometheus(a: PromAnswers): Pick<HealthSeries, 'points' | 'delivery' | 'services'> {
  const byTime = new Map<
    number,
    { t: number; throughput: Record<string, number>; latencyMs: Record<string, number>; lag: Record<string, number> }
  >();
  const services = new Set<string>();
  const put = (matrix: PromSeries[], field: 'throughput' | 'latencyMs') => {
    for (const s of matrix) {
      const service = s.metric.service ?? '?';
      services.add(service);
      for (const [seconds, raw] of s.values ?? []) {
        const value = finite(raw);
        if (value === undefined) continue;
        const t = Math.round(seconds * 1000);
        const point = byTime.get(t) ?? { t, throughput: {}, latencyMs: {}, lag: {} };
        point[field][service] = value;
        byTime.set(t, point);
      }
    }
  };
  put(a.throughput, 'throughput');
  put(a.latencyMs, 'latencyMs');
  return {
    points: [...byTime.values()].sort((x, y) => x.t - y.t),
    delivery: {
      byCountry: rates(a.deliveredByCountry, a.finalByCountry, 'country'),
      byCarrier: rates(a.deliveredByCarrier, a.finalByCarrier, 'carrier'),
    },
    services: [...services].sort(),
  };
}

/** Prometheus' HTTP API (`/api/v1/query_range`, `/api/v1/query`) for the last hour. */
export class PrometheusClient {
  constructor(private readonly base: string) {}

  private async get(path: string, params: Record<string, string>): Promise<PromSeries[]> {
    const res = await fetch(`${this.base}${path}?${new URLSearchParams(params)}`, {
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as { status: string; error?: string; data?: { result: PromSeries[] } };
    if (body.status !== 'success' || !body.data) throw new Error(`prometheus: ${body.error ?? res.status}`);
    return body.data.result;
  }

  async lastHour(nowMs: number, stepSeconds: number): Promise<PromAnswers> {
    const end = nowMs / 1000;
    const range = (query: string) =>
      this.get('/api/v1/query_range', {
        query,
        start: String(end - 3600),
        end: String(end),
        step: String(stepSeconds),
      });
    const instant = (query: string) => this.get('/api/v1/query', { query, time: String(end) });
    const [throughput, latencyMs, deliveredByCountry, finalByCountry, deliveredByCarrier, finalByCarrier] =
      await Promise.all([
        range(PROMQL.throughput),
        range(PROMQL.latencyMs),
        instant(PROMQL.delivered('country')),
        instant(PROMQL.final('country')),
        instant(PROMQL.delivered('carrier')),
        instant(PROMQL.final('carrier')),
      ]);
    return { throughput, latencyMs, deliveredByCountry, finalByCountry, deliveredByCarrier, finalByCarrier };
  }
}
