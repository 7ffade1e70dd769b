import { fromMetrics, healthSeries, type Snapshot } from './health-series';
import { parsePrometheusText } from './prometheus-text';

const empty = (t: number): Snapshot => ({ t, consumed: {}, stage: {}, outcomes: {}, lag: {} });

function snapshot(t: number, text: string, lag: Record<string, number> = {}): Snapshot {
  const s = { ...empty(t), lag };
  fromMetrics('receipts', parsePrometheusText(text), s);
  return s;
}

const metrics = (consumed: number, sum: number, count: number, delivered: number, failed: number) => `
# HELP herald_receipts_kafka_records_consumed_total Records consumed, by topic
# TYPE herald_receipts_kafka_records_consumed_total counter
herald_receipts_kafka_records_consumed_total{topic="sms.status.v1"} ${consumed}
herald_receipts_kafka_records_consumed_total{topic="carrier.receipts.v1"} ${consumed}
herald_receipts_stage_latency_seconds_sum{topic="sms.status.v1"} ${sum}
herald_receipts_stage_latency_seconds_count{topic="sms.status.v1"} ${count}
herald_receipts_delivery_outcomes_total{carrier="smsc-sim",country="FR",state="delivered"} ${delivered}
herald_receipts_delivery_outcomes_total{carrier="smsc-sim",country="FR",state="failed"} ${failed}
herald_receipts_delivery_outcomes_total{carrier="other",country="DE",state="delivered"} 4
herald_dispatch_kafka_records_consumed_total{topic="x"} 999
`;

describe('pipeline health series', () => {
  it('parses labels with escaped quotes and skips comments', () => {
    expect(parsePrometheusText('# HELP a b\nm{a="x\\"y",b="2"} 3.5\nbad line\n')).toEqual([
      { name: 'm', labels: { a: 'x"y', b: '2' }, value: 3.5 },
    ]);
  });

  it('turns counters into rates per interval, histogram sums into average latency, outcomes into delivery rates over the window', () => {
    const series = healthSeries([
      snapshot(0, metrics(10, 1, 10, 10, 0), { dispatch: 0 }),
      snapshot(10_000, metrics(60, 3, 20, 16, 2), { dispatch: 7 }),
      snapshot(20_000, metrics(60, 3, 20, 19, 3), { dispatch: 12, receipts: 0 }),
    ]);
    expect(series.services).toEqual(['receipts']);
    expect(series.groups).toEqual(['dispatch', 'receipts']);
    expect(series.points.map((p) => p.throughput.receipts)).toEqual([undefined, 10, 0]);
    expect(series.points[1].latencyMs.receipts).toBeCloseTo(200);
    expect(series.points[2].latencyMs).toEqual({});
    expect(series.points.map((p) => p.lag.dispatch)).toEqual([0, 7, 12]);
    expect(series.latestLag).toEqual({ dispatch: 12, receipts: 0 });
    // FR: 9 delivered of 12 final in the window; DE's counter did not move in it.
    expect(series.delivery.byCountry).toEqual([{ key: 'FR', delivered: 9, final: 12, rate: 0.75 }]);
    expect(series.delivery.byCarrier).toEqual([{ key: 'smsc-sim', delivered: 9, final: 12, rate: 0.75 }]);
  });

  it('counts a restarted service (counter reset) from zero instead of a negative rate', () => {
    const series = healthSeries([snapshot(0, metrics(500, 0, 0, 0, 0)), snapshot(5_000, metrics(20, 0, 0, 0, 0))]);
    expect(series.points[1].throughput.receipts).toBe(8);
  });

  it('is empty before the first sample', () => {
    expect(healthSeries([])).toEqual({
      source: 'metrics',
      latestLag: {},
      points: [],
      delivery: { byCountry: [], byCarrier: [] },
      services: [],
      groups: [],
    });
  });
});
