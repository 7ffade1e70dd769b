import { checkName, checkPattern, type Declaration, type NameCatalog } from './declared-metrics';
import { histogramBase, metricNamesIn } from './promql-names';
import { alertTestCoverage, markdownAnchors, parseAlertRules, withGrafanaVariables } from './ops-files';

describe('metricNamesIn', () => {
  const cases: [expr: string, names: string[], patterns: string[]][] = [
    ['up{job="herald"} == 0', ['up'], []],
    ['process_resident_memory_bytes{job="herald"} > 200 * 1024 * 1024', ['process_resident_memory_bytes'], []],
    [
      'sum by (service, group) ({__name__=~"herald_.+_kafka_consumer_lag_records"}) > 1e4',
      [],
      ['herald_.+_kafka_consumer_lag_records'],
    ],
    [
      'histogram_quantile(0.99, sum by (carrier, le) (rate(herald_dispatch_carrier_submit_seconds_bucket[$__rate_interval])))',
      ['herald_dispatch_carrier_submit_seconds_bucket'],
      [],
    ],
    ['sum(rate(a_total[5m])) by (x) / on (x) group_left (y) b_info offset 1h', ['a_total', 'b_info'], []],
    ['(sum(rate(x_total[10m])) or vector(0)) == 0 and on () sum(rate(y_total[10m])) > 0.1', ['x_total', 'y_total'], []],
    ['label_replace(m, "dst", "$1", "src", "(.*)")', ['m'], []],
    ['{__name__="exact_name", job="j"}', ['exact_name'], []],
    ['sum(increase(r_total{state="delivered"}[$__range])) unless bool time()', ['r_total'], []],
  ];

  it.each(cases)('%s', (expr, names, patterns) => {
    expect(metricNamesIn(expr)).toEqual({ names, patterns });
  });

  it('strips histogram series suffixes only', () => {
    expect([histogramBase('x_seconds_bucket'), histogramBase('x_seconds_count'), histogramBase('x_total')]).toEqual([
      'x_seconds',
      'x_seconds',
      undefined,
    ]);
  });
});

describe('checkName / checkPattern', () => {
  const services = ['event_ingest', 'templating', 'compliance', 'dispatch', 'receipts'];
  const declarations: Declaration[] = [
    ...services.map((s): Declaration => ({ name: `herald_${s}_kafka_lag_records`, kind: 'gauge', file: 'libs' })),
    { name: 'herald_receipts_dlr_latency_seconds', kind: 'histogram', file: 'apps' },
    { name: 'herald_receipts_outcomes_total', kind: 'counter', file: 'apps' },
  ];
  const catalog: NameCatalog = {
    declared: new Map(declarations.map((d) => [d.name, d])),
    standard: new Set(['up', 'process_resident_memory_bytes']),
  };

  it.each([
    ['up', undefined],
    ['herald_receipts_outcomes_total', undefined],
    ['herald_receipts_dlr_latency_seconds_bucket', undefined],
    ['herald_receipts_outcomes_total_count', 'herald_receipts_outcomes_total is a counter, not a histogram'],
    ['herald_receipts_missing_total', 'not declared anywhere'],
  ])('name %s', (name, why) => {
    expect(checkName(name, catalog)).toBe(why);
  });

  it.each([
    ['herald_.+_kafka_lag_records', undefined],
    [
      'herald_.+_dlr_latency_seconds_bucket',
      'not produced by every service (missing herald_event_ingest_dlr_latency_seconds_bucket, herald_templating_dlr_latency_seconds_bucket, herald_compliance_dlr_latency_seconds_bucket, herald_dispatch_dlr_latency_seconds_bucket)',
    ],
    ['herald_receipts_.*_seconds_bucket', undefined],
    ['herald_nothing_.*', 'matches no declared metric'],
  ])('pattern %s', (pattern, why) => {
    expect(checkPattern(pattern, catalog)).toBe(why);
  });
});

describe('rule file readers', () => {
  it('reads alerts with block and inline expressions', () => {
    const text = [
      'groups:',
      '  - name: g',
      '    rules:',
      '      - alert: A',
      '        expr: |',
      '          sum(x) > 1',
      '          and',
      '          sum(y) > 2',
      '        for: 5m',
      '        labels:',
      '          severity: warning',
      '        annotations:',
      '          summary: "A is {{ $value }}"',
      '          description: \'x "quoted"\'',
      '          runbook_url: docs/operations/runbooks.md#a',
      '      - alert: B',
      '        expr: up == 0',
      '        labels: { severity: critical }',
    ].join('\n');
    expect(parseAlertRules(text)).toEqual([
      {
        name: 'A',
        expr: 'sum(x) > 1\nand\nsum(y) > 2',
        fields: {
          for: '5m',
          severity: 'warning',
          summary: 'A is {{ $value }}',
          description: 'x "quoted"',
          runbook_url: 'docs/operations/runbooks.md#a',
        },
      },
      { name: 'B', expr: 'up == 0', fields: {} },
    ]);
  });

  it('tells firing from silent expectations in a promtool test file', () => {
    const text = [
      '      - eval_time: 1m',
      '        alertname: A',
      '        exp_alerts: []',
      '      - eval_time: 5m',
      '        alertname: A',
      '        exp_alerts:',
      '          - exp_labels: {}',
      '        alertname: B',
      '        exp_alerts: []',
    ].join('\n');
    expect(Object.fromEntries(alertTestCoverage(text))).toEqual({
      A: { firing: true, silent: true },
      B: { firing: false, silent: true },
    });
  });

  it('computes GitHub heading anchors', () => {
    expect([...markdownAnchors('# Herald runbooks\n## HeraldServiceDown\n## Common commands (local)')]).toEqual([
      'herald-runbooks',
      'heraldservicedown',
      'common-commands-local',
    ]);
  });

  it('replaces Grafana interval variables', () => {
    expect(withGrafanaVariables('rate(x[$__rate_interval]) + increase(y[$__range])')).toBe(
      'rate(x[5m]) + increase(y[1h])',
    );
  });
});
