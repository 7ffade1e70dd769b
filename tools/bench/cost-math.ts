// Pure arithmetic of the bench's per-message figures: deltas of cumulative counters between two
// snapshots (broker offsets, pg_stat_* rows, client query counts, CPU ticks), divided by messages.

/** Cumulative counters by name (topic, group, table, process...). */
export type Counters = Record<string, number>;

/** after - before for every name in `after` (a name missing before counts from 0). Never negative:
 * a counter that went back (a process restarted, a topic recreated) is reported from 0. */
export function delta(before: Counters, after: Counters): Counters {
  const out: Counters = {};
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    out[k] = d >= 0 ? d : v;
  }
  return out;
}

export const total = (c: Counters): number => Object.values(c).reduce((a, b) => a + b, 0);

/** total / messages, or NaN when no message was handled (a figure of nothing is not zero). */
export function perMessage(value: number, messages: number): number {
  return messages > 0 ? value / messages : NaN;
}

/** Milliseconds of CPU per message for each process, from CPU seconds over the same window. */
export function cpuMsPerMessage(cpuSeconds: Record<string, number>, messages: number): Record<string, number> {
  return Object.fromEntries(Object.entries(cpuSeconds).map(([name, s]) => [name, perMessage(s * 1000, messages)]));
}

/** The rates of the latency phases: a fixed low rate, then fractions of the measured capacity. */
export function latencyRates(
  capacity: number,
  lowRate: number,
  fractions: number[],
): Array<{ label: string; rate: number }> {
  const rates = [{ label: `${lowRate} msg/s`, rate: lowRate }];
  for (const f of fractions) {
    const rate = Math.max(1, Math.round(capacity * f));
    rates.push({ label: `${Math.round(f * 100)}% of capacity`, rate });
  }
  return rates;
}

/** Sums per-partition counters under the name `nameOf` gives (undefined: left out). */
export function byTopic(c: Counters, nameOf: (key: string) => string | undefined): Counters {
  const out: Counters = {};
  for (const [k, v] of Object.entries(c)) {
    const name = nameOf(k);
    if (name !== undefined) out[name] = (out[name] ?? 0) + v;
  }
  return out;
}

/**
 * Records each group consumed per partition. A partition without a commit before the phase is
 * counted from its end offset then (Herald's consumers start at the end); one still without a
 * commit after it consumed nothing.
 */
export function consumedDelta(
  before: { committed: Counters; partitionEnds: Counters },
  after: { committed: Counters },
): Counters {
  const out: Counters = {};
  for (const [k, a] of Object.entries(after.committed)) {
    if (a < 0) continue;
    const b = before.committed[k];
    const from = b !== undefined && b >= 0 ? b : (before.partitionEnds[k.split(' ').slice(1).join(' ')] ?? a);
    out[k] = Math.max(0, a - from);
  }
  return out;
}
