// The machine-readable verdict of `npm run bench -- pipeline`: the headline figures
// (results/bench/pipeline.json `summary`) and each target of DESIGN.md section 9 / issue 18,
// met or missed. Pure: the bench gathers the numbers, this only divides and compares.

export interface SummaryInput {
  ceilingMsgPerSec: number;
  platformaticMsgPerSec: number;
  heraldMsgPerSec: number;
  alternativeMsgPerSec: number;
  /** Events published in the throughput phase, and how many got no final receipt. */
  published: number;
  missingFinals: number;
  /** Totals over the throughput phase (costs are divided by `published`). */
  recordsProduced: number;
  recordsConsumed: number;
  rowWrites: number;
  roundTrips: number;
  transactions: number;
  /** Mean records per handled batch over Herald's consumers in the throughput phase. */
  meanBatch: number;
  idleCpuPctPerService: Record<string, number>;
  peakRssMbPerService: Record<string, number>;
  lowRate: RatePoint & { machineCpuPct: number };
  halfCapacity: RatePoint;
  /**
   * Reference rows, not targets: the ceiling's 5 passthrough hops (kafkajs, and @platformatic/kafka)
   * at the same low rate; machineCpuPct = the hops + the broker (no PostgreSQL).
   */
  ceilingLowRate: RatePoint & { machineCpuPct: number };
  platformaticLowRate: RatePoint & { machineCpuPct: number };
  /** The bench process's own CPU (% of one core) during the throughput phase and at the low rate. */
  benchCpuPct: { throughput: number; lowRate: number };
  /** CPU milliseconds per message in the throughput phase: Herald's 5 services together, the broker, PostgreSQL, the machine. */
  cpuMsPerMessage: CpuPerMessage;
}

export interface CpuPerMessage {
  heraldServices: number;
  broker: number;
  postgres: number;
  machine: number;
}

export interface RatePoint {
  msgPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Events that never reached the SMSC (ranked last in the percentiles). */
  misses: number;
}

export interface PipelineSummary {
  ceilingMsgPerSec: number;
  platformaticPassthroughMsgPerSec: number;
  heraldMsgPerSec: number;
  heraldOverCeiling: number;
  alternativeMsgPerSec: number;
  heraldOverAlternative: number;
  eventsWithoutFinalReceipt: number;
  recordsProducedPerMessage: number;
  recordsConsumedPerMessage: number;
  rowWritesPerMessage: number;
  roundTripsPerMessage: number;
  transactionsPerMessage: number;
  meanBatchThroughput: number;
  idleCpuPctMaxPerService: number;
  lowRate: RatePoint & { machineCpuPct: number };
  halfCapacity: RatePoint;
  ceilingLowRate: RatePoint & { machineCpuPct: number };
  platformaticLowRate: RatePoint & { machineCpuPct: number };
  peakRssMbMaxPerService: number;
  benchCpuPct: { throughput: number; lowRate: number };
  cpuMsPerMessage: CpuPerMessage;
}

export interface TargetCheck {
  /** Path of the figure in the summary, e.g. `lowRate.p99Ms`. */
  figure: string;
  op: '>=' | '<=' | '==';
  target: number;
  value: number;
  met: boolean;
  what: string;
}

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? a / b : NaN);
const maxOf = (r: Record<string, number>) => (Object.keys(r).length ? Math.max(...Object.values(r)) : NaN);
/**
 * The summary, rounded for reading unless `exact` (targets are checked on exact figures: 39.98% of
 * the ceiling must not round up to a met 40%).
 */
export function buildSummary(i: SummaryInput, exact = false): PipelineSummary {
  const round = (v: number, digits: number) => (exact || !Number.isFinite(v) ? v : Number(v.toFixed(digits)));
  const per = (v: number) => round(ratio(v, i.published), 2);
  const point = <T extends RatePoint & { machineCpuPct?: number }>(p: T): T => ({
    ...p,
    p50Ms: round(p.p50Ms, 1),
    p99Ms: round(p.p99Ms, 1),
    ...(p.machineCpuPct === undefined ? {} : { machineCpuPct: round(p.machineCpuPct, 1) }),
  });
  return {
    ceilingMsgPerSec: round(i.ceilingMsgPerSec, 0),
    platformaticPassthroughMsgPerSec: round(i.platformaticMsgPerSec, 0),
    heraldMsgPerSec: round(i.heraldMsgPerSec, 0),
    heraldOverCeiling: round(ratio(i.heraldMsgPerSec, i.ceilingMsgPerSec), 3),
    alternativeMsgPerSec: round(i.alternativeMsgPerSec, 0),
    heraldOverAlternative: round(ratio(i.heraldMsgPerSec, i.alternativeMsgPerSec), 2),
    eventsWithoutFinalReceipt: i.missingFinals,
    recordsProducedPerMessage: per(i.recordsProduced),
    recordsConsumedPerMessage: per(i.recordsConsumed),
    rowWritesPerMessage: per(i.rowWrites),
    roundTripsPerMessage: per(i.roundTrips),
    transactionsPerMessage: per(i.transactions),
    meanBatchThroughput: round(i.meanBatch, 1),
    idleCpuPctMaxPerService: round(maxOf(i.idleCpuPctPerService), 2),
    lowRate: point(i.lowRate),
    halfCapacity: point(i.halfCapacity),
    ceilingLowRate: point(i.ceilingLowRate),
    platformaticLowRate: point(i.platformaticLowRate),
    peakRssMbMaxPerService: round(maxOf(i.peakRssMbPerService), 0),
    benchCpuPct: { throughput: round(i.benchCpuPct.throughput, 1), lowRate: round(i.benchCpuPct.lowRate, 1) },
    cpuMsPerMessage: {
      heraldServices: round(i.cpuMsPerMessage.heraldServices, 3),
      broker: round(i.cpuMsPerMessage.broker, 3),
      postgres: round(i.cpuMsPerMessage.postgres, 3),
      machine: round(i.cpuMsPerMessage.machine, 3),
    },
  };
}

/** DESIGN.md section 9 as issue 18 restates it ("Done when"). */
export const TARGETS: ReadonlyArray<Omit<TargetCheck, 'value' | 'met'>> = [
  { figure: 'heraldOverCeiling', op: '>=', target: 0.4, what: 'Herald >= 40% of the 5-process ceiling' },
  { figure: 'heraldOverAlternative', op: '>=', target: 5, what: 'Herald >= 5x the @nestjs/microservices alternative' },
  { figure: 'eventsWithoutFinalReceipt', op: '==', target: 0, what: 'every event ends in a final receipt' },
  { figure: 'recordsProducedPerMessage', op: '<=', target: 7, what: 'records produced per message (event excluded)' },
  { figure: 'recordsConsumedPerMessage', op: '<=', target: 6, what: 'records consumed per message (event included)' },
  { figure: 'rowWritesPerMessage', op: '<=', target: 6, what: 'PostgreSQL row writes per message' },
  { figure: 'roundTripsPerMessage', op: '<=', target: 12, what: 'PostgreSQL round trips per message' },
  { figure: 'idleCpuPctMaxPerService', op: '<=', target: 1, what: 'idle CPU of each service (% of one core)' },
  {
    figure: 'lowRate.machineCpuPct',
    op: '<=',
    target: 50,
    what: 'at 50 msg/s: Herald + broker + PostgreSQL (% of one core)',
  },
  { figure: 'lowRate.p50Ms', op: '<=', target: 20, what: 'at 50 msg/s: event -> submit_sm p50 (ms)' },
  { figure: 'lowRate.p99Ms', op: '<=', target: 60, what: 'at 50 msg/s: event -> submit_sm p99 (ms)' },
  { figure: 'halfCapacity.p99Ms', op: '<=', target: 100, what: 'at 50% of capacity: event -> submit_sm p99 (ms)' },
  { figure: 'peakRssMbMaxPerService', op: '<=', target: 150, what: 'peak RSS of each service (MB)' },
];

function figureOf(s: PipelineSummary, path: string): number {
  const v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], s);
  return typeof v === 'number' ? v : NaN;
}

/** Each target with the run's value (pass an exact summary); a figure that could not be measured (NaN) is missed. */
export function checkTargets(s: PipelineSummary): TargetCheck[] {
  return TARGETS.map((t) => {
    const value = figureOf(s, t.figure);
    const met = Number.isNaN(value)
      ? false
      : t.op === '>='
        ? value >= t.target
        : t.op === '<='
          ? value <= t.target
          : value === t.target;
    return { ...t, value, met };
  });
}
