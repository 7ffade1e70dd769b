import type { Sample } from './prometheus-text';

/** One scrape of every service and of the consumer groups: cumulative values, turned into rates later. */
export interface Snapshot {
  t: number;
  /** service -> records consumed (counter). */
  consumed: Record<string, number>;
  /** service -> [sum seconds, count] of its stage latency histogram. */
  stage: Record<string, [number, number]>;
  /** `carrier|country|state` -> messages reaching that final state (receipts' counter). */
  outcomes: Record<string, number>;
  /** consumer group -> records behind. */
  lag: Record<string, number>;
}

export interface HealthSeries {
  /** Where throughput, latency and delivery rates come from; lag always comes from the broker. */
  source: 'prometheus' | 'metrics';
  /** Why Prometheus was not used although configured. */
  prometheusError?: string;
  /** Each group's lag at the last broker sample. */
  latestLag: Record<string, number>;
  points: Array<{
    t: number;
    throughput: Record<string, number>;
    latencyMs: Record<string, number>;
    lag: Record<string, number>;
  }>;
  delivery: { byCountry: DeliveryRate[]; byCarrier: DeliveryRate[] };
  services: string[];
  groups: string[];
}

export interface DeliveryRate {
  key: string;
  delivered: number;
  final: number;
  rate: number;
}

const prefixOf = (service: string) => `herald_${service.replace(/-/g, '_')}_`;

/** The values a snapshot keeps from one service's /metrics. */
export function fromMetrics(service: string, samples: Sample[], into: Snapshot): void {
  const p = prefixOf(service);
  for (const s of samples) {
    if (s.name === `${p}kafka_records_consumed_total`) into.consumed[service] = (into.consumed[service] ?? 0) + s.value;
    else if (s.name === `${p}stage_latency_seconds_sum`) (into.stage[service] ??= [0, 0])[0] += s.value;
    else if (s.name === `${p}stage_latency_seconds_count`) (into.stage[service] ??= [0, 0])[1] += s.value;
    else if (s.name === `${p}delivery_outcomes_total`) {
      const key = `${s.labels.carrier ?? '?'}|${s.labels.country ?? '?'}|${s.labels.state ?? '?'}`;
      into.outcomes[key] = (into.outcomes[key] ?? 0) + s.value;
    }
  }
}

/** A counter's growth between two snapshots; a restarted service (counter reset) counts from zero. */
const growth = (now: number | undefined, before: number | undefined) =>
  now === undefined ? 0 : before === undefined || now < before ? now : now - before;

function deliveryRates(
  first: Snapshot | undefined,
  last: Snapshot,
  pick: (carrier: string, country: string) => string,
): DeliveryRate[] {
  const acc = new Map<string, { delivered: number; final: number }>();
  for (const [key, value] of Object.entries(last.outcomes)) {
    const [carrier, country, state] = key.split('|');
    const n = growth(value, first === last ? undefined : first?.outcomes[key]);
    if (n === 0) continue;
    const row = acc.get(pick(carrier, country)) ?? { delivered: 0, final: 0 };
    row.final += n;
    if (state === 'delivered') row.delivered += n;
    acc.set(pick(carrier, country), row);
  }
  return [...acc.entries()]
    .map(([key, r]) => ({ key, ...r, rate: r.final === 0 ? 0 : r.delivered / r.final }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Rates per interval between consecutive snapshots; delivery rates over the whole window. */
export function healthSeries(snapshots: readonly Snapshot[]): HealthSeries {
  const services = new Set<string>();
  const groups = new Set<string>();
  const points: HealthSeries['points'] = [];
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i];
    const prev = snapshots[i - 1];
    Object.keys(s.lag).forEach((g) => groups.add(g));
    const throughput: Record<string, number> = {};
    const latencyMs: Record<string, number> = {};
    if (prev) {
      const seconds = (s.t - prev.t) / 1000;
      for (const [svc, n] of Object.entries(s.consumed)) {
        services.add(svc);
        throughput[svc] = growth(n, prev.consumed[svc]) / seconds;
      }
      for (const [svc, [sum, count]] of Object.entries(s.stage)) {
        const dCount = growth(count, prev.stage[svc]?.[1]);
        if (dCount > 0) latencyMs[svc] = (growth(sum, prev.stage[svc]?.[0]) / dCount) * 1000;
      }
    }
    points.push({ t: s.t, throughput, latencyMs, lag: s.lag });
  }
  const last = snapshots[snapshots.length - 1];
  const first = snapshots.length > 1 ? snapshots[0] : undefined;
  return {
    source: 'metrics',
    latestLag: last?.lag ?? {},
    points,
    delivery: last
      ? {
          byCountry: deliveryRates(first, last, (_c, country) => country),
          byCarrier: deliveryRates(first, last, (carrier) => carrier),
        }
      : { byCountry: [], byCarrier: [] },
    services: [...services].sort(),
    groups: [...groups].sort(),
  };
}
