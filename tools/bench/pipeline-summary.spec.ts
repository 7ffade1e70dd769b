import { buildSummary, checkTargets, TARGETS, type SummaryInput } from './pipeline-summary';

const input = (over: Partial<SummaryInput> = {}): SummaryInput => ({
  ceilingMsgPerSec: 5000,
  platformaticMsgPerSec: 6000,
  heraldMsgPerSec: 2500,
  alternativeMsgPerSec: 400,
  published: 10000,
  missingFinals: 0,
  recordsProduced: 70000,
  recordsConsumed: 60000,
  rowWrites: 55000,
  roundTrips: 120000,
  transactions: 30000,
  meanBatch: 120,
  idleCpuPctPerService: { 'event-ingest': 0.4, dispatch: 0.9 },
  peakRssMbPerService: { 'event-ingest': 120, dispatch: 140 },
  lowRate: { msgPerSec: 50, p50Ms: 12, p99Ms: 55, misses: 0, machineCpuPct: 40 },
  halfCapacity: { msgPerSec: 1250, p50Ms: 30, p99Ms: 90, misses: 0 },
  ceilingLowRate: { msgPerSec: 50, p50Ms: 8.04, p99Ms: 21, misses: 0, machineCpuPct: 35.26 },
  platformaticLowRate: { msgPerSec: 50, p50Ms: 6, p99Ms: 15, misses: 0, machineCpuPct: 28 },
  benchCpuPct: { throughput: 12, lowRate: 1.5 },
  cpuMsPerMessage: { heraldServices: 0.8, broker: 0.2, postgres: 0.3, machine: 1.6 },
  ...over,
});

const verdict = (i: SummaryInput) =>
  Object.fromEntries(checkTargets(buildSummary(i, true)).map((t) => [t.figure, t.met]));

describe('pipeline summary', () => {
  it('divides the throughput phase totals by the events published and takes ratios and maxima', () => {
    const s = buildSummary(input());
    expect(s).toMatchObject({
      heraldOverCeiling: 0.5,
      heraldOverAlternative: 6.25,
      recordsProducedPerMessage: 7,
      recordsConsumedPerMessage: 6,
      rowWritesPerMessage: 5.5,
      roundTripsPerMessage: 12,
      transactionsPerMessage: 3,
      idleCpuPctMaxPerService: 0.9,
      peakRssMbMaxPerService: 140,
      lowRate: { msgPerSec: 50, p50Ms: 12, p99Ms: 55, machineCpuPct: 40 },
      halfCapacity: { msgPerSec: 1250, p99Ms: 90 },
    });
  });

  it('meets every target at the boundaries (inclusive)', () => {
    const checks = checkTargets(buildSummary(input(), true));
    expect(checks).toHaveLength(TARGETS.length);
    expect(checks.filter((t) => !t.met)).toEqual([]);
  });

  it('misses each target just past its boundary', () => {
    expect(verdict(input({ heraldMsgPerSec: 1999, alternativeMsgPerSec: 300 }))).toMatchObject({
      heraldOverCeiling: false,
      heraldOverAlternative: true,
    });
    expect(verdict(input({ alternativeMsgPerSec: 501 })).heraldOverAlternative).toBe(false);
    expect(verdict(input({ missingFinals: 1 })).eventsWithoutFinalReceipt).toBe(false);
    expect(verdict(input({ recordsProduced: 70001 })).recordsProducedPerMessage).toBe(false);
    expect(verdict(input({ recordsConsumed: 60100 })).recordsConsumedPerMessage).toBe(false);
    expect(verdict(input({ rowWrites: 60100 })).rowWritesPerMessage).toBe(false);
    expect(verdict(input({ roundTrips: 120100 })).roundTripsPerMessage).toBe(false);
    expect(verdict(input({ idleCpuPctPerService: { dispatch: 1.2 } })).idleCpuPctMaxPerService).toBe(false);
    expect(verdict(input({ peakRssMbPerService: { receipts: 151 } })).peakRssMbMaxPerService).toBe(false);
    expect(
      verdict(input({ lowRate: { msgPerSec: 50, p50Ms: 21, p99Ms: 61, misses: 0, machineCpuPct: 51 } })),
    ).toMatchObject({ 'lowRate.p50Ms': false, 'lowRate.p99Ms': false, 'lowRate.machineCpuPct': false });
    expect(
      verdict(input({ halfCapacity: { msgPerSec: 1250, p50Ms: 30, p99Ms: 101, misses: 0 } }))['halfCapacity.p99Ms'],
    ).toBe(false);
  });

  it('reports the ceiling at the low rate as a reference, never as a target', () => {
    const s = buildSummary(input());
    expect(s.ceilingLowRate).toEqual({ msgPerSec: 50, p50Ms: 8, p99Ms: 21, misses: 0, machineCpuPct: 35.3 });
    expect(s.platformaticLowRate.machineCpuPct).toBe(28);
    expect(TARGETS.map((t) => t.figure).filter((f) => /LowRate/.test(f))).toEqual([]);
  });

  it('rounds the summary for reading but checks targets on exact figures', () => {
    expect(buildSummary(input({ heraldMsgPerSec: 1999 })).heraldOverCeiling).toBe(0.4);
    expect(verdict(input({ heraldMsgPerSec: 1999 })).heraldOverCeiling).toBe(false);
  });

  it('misses a latency target when too many messages never arrived (p99 Infinity), and one that was not measured', () => {
    expect(
      verdict(input({ lowRate: { msgPerSec: 50, p50Ms: 10, p99Ms: Infinity, misses: 20, machineCpuPct: 30 } }))[
        'lowRate.p99Ms'
      ],
    ).toBe(false);
    const unmeasured = verdict(input({ published: 0, alternativeMsgPerSec: 0 }));
    expect(unmeasured).toMatchObject({
      heraldOverAlternative: false,
      recordsProducedPerMessage: false,
      roundTripsPerMessage: false,
    });
  });

  it('keeps the field names the lead and later notes read', () => {
    const s = buildSummary(input());
    for (const k of [
      'ceilingMsgPerSec',
      'heraldMsgPerSec',
      'heraldOverCeiling',
      'alternativeMsgPerSec',
      'heraldOverAlternative',
      'recordsProducedPerMessage',
      'recordsConsumedPerMessage',
      'rowWritesPerMessage',
      'roundTripsPerMessage',
      'idleCpuPctMaxPerService',
      'lowRate',
      'halfCapacity',
      'peakRssMbMaxPerService',
    ]) {
      expect(s).toHaveProperty(k);
    }
  });
});
