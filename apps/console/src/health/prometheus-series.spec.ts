import { PROMQL, seriesFromPrometheus, type PromSeries } from './prometheus-series';

// Shapes of Prometheus' HTTP API answers (data.result of a matrix and of a vector).
const matrix = (service: string, values: Array<[number, string]>): PromSeries => ({ metric: { service }, values });
const vector = (metric: Record<string, string>, v: string): PromSeries => ({ metric, value: [1000, v] });

describe('pipeline health from Prometheus', () => {
  it('merges the throughput and latency matrices by time, skipping NaN, and computes delivery rates per label', () => {
    const s = seriesFromPrometheus({
      throughput: [
        matrix('dispatch', [
          [100, '2.5'],
          [115, '3'],
        ]),
        matrix('receipts', [[100, '1']]),
      ],
      latencyMs: [
        matrix('dispatch', [
          [100, 'NaN'],
          [115, '12.5'],
        ]),
      ],
      deliveredByCountry: [vector({ country: 'FR' }, '9.2')],
      finalByCountry: [vector({ country: 'FR' }, '12'), vector({ country: 'DE' }, '0')],
      deliveredByCarrier: [],
      finalByCarrier: [vector({ carrier: 'smsc-sim' }, '4')],
    });
    expect(s.services).toEqual(['dispatch', 'receipts']);
    expect(s.points).toEqual([
      { t: 100_000, throughput: { dispatch: 2.5, receipts: 1 }, latencyMs: {}, lag: {} },
      { t: 115_000, throughput: { dispatch: 3 }, latencyMs: { dispatch: 12.5 }, lag: {} },
    ]);
    expect(s.delivery.byCountry).toEqual([{ key: 'FR', delivered: 9, final: 12, rate: 0.75 }]);
    expect(s.delivery.byCarrier).toEqual([{ key: 'smsc-sim', delivered: 0, final: 4, rate: 0 }]);
  });

  it('asks for every service by the label of the shipped scrape job', () => {
    expect(PROMQL.throughput).toBe('sum by (service) (rate({__name__=~"herald_.+_kafka_records_consumed_total"}[1m]))');
    expect(PROMQL.final('carrier')).toBe('sum by (carrier) (increase(herald_receipts_delivery_outcomes_total[1h]))');
  });
});
