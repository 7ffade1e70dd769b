// Small numeric helpers shared by the pipeline bench phases.

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

/** Nearest-rank percentiles of a sample, in the sample's unit. */
export function percentiles(values: number[]): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { count: s.length, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: s.length ? s[s.length - 1] : NaN };
}

export interface Throughput {
  records: number;
  /** First input produced -> last output seen, in seconds. */
  seconds: number;
  /** records / seconds. */
  overall: number;
  /** Slope between the 10% and the 90% output: the steady state, without start-up and tail. */
  sustained: number;
  /** Outputs per second, by second since the start. */
  series: Array<[number, number]>;
}

/** Throughput from the start time and the time of each output (epoch ms). */
export function throughput(startMs: number, doneAt: number[]): Throughput {
  const t = [...doneAt].sort((a, b) => a - b);
  const n = t.length;
  const seconds = n ? Math.max(0.001, (t[n - 1] - startMs) / 1000) : 0;
  const lo = t[Math.floor(n * 0.1)];
  const hi = t[Math.max(0, Math.ceil(n * 0.9) - 1)];
  const span = (hi - lo) / 1000;
  const sustained =
    n >= 10 && span > 0 ? (Math.ceil(n * 0.9) - 1 - Math.floor(n * 0.1)) / span : n / Math.max(seconds, 0.001);
  return { records: n, seconds, overall: n ? n / seconds : 0, sustained, series: perSecond(startMs, t) };
}

export function perSecond(startMs: number, times: number[]): Array<[number, number]> {
  const buckets: number[] = [];
  for (const at of times) {
    const s = Math.max(0, Math.floor((at - startMs) / 1000));
    buckets[s] = (buckets[s] ?? 0) + 1;
  }
  return Array.from({ length: buckets.length }, (_, s) => [s + 0.5, buckets[s] ?? 0]);
}

export const round = (v: number, digits = 0) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : NaN);
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface LatencyPercentiles extends Percentiles {
  /** Messages sent; `count` of them arrived, the rest are misses. */
  sent: number;
  misses: number;
}

/**
 * Nearest-rank percentiles over every message sent, not only those that arrived: a message that
 * never arrived ranks after all others (Infinity), so losing the slowest messages cannot make the
 * figures look better. max is Infinity as soon as one message is missing.
 */
export function percentilesWithMisses(arrived: number[], sent: number): LatencyPercentiles {
  if (sent < arrived.length) throw new Error(`${arrived.length} arrivals for ${sent} messages sent`);
  const s = [...arrived].sort((a, b) => a - b);
  const at = (q: number) => {
    if (sent === 0) return NaN;
    const rank = Math.min(sent, Math.max(1, Math.ceil(q * sent)));
    return rank <= s.length ? s[rank - 1] : Infinity;
  };
  const misses = sent - s.length;
  return {
    count: s.length,
    sent,
    misses,
    p50: at(0.5),
    p99: at(0.99),
    p999: at(0.999),
    max: sent === 0 ? NaN : misses > 0 ? Infinity : s[s.length - 1],
  };
}
