import * as fs from 'node:fs';
import { checkName, checkPattern, declaredMetrics, standardMetricNames, type NameCatalog } from './declared-metrics';
import { metricNamesIn } from './promql-names';
import {
  ALERTS_FILE,
  DASHBOARD_FILE,
  ROOT,
  allPanels,
  loadDashboard,
  parseAlertRules,
  type Dashboard,
  type DashboardPanel,
} from './ops-files';

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

const overlaps = (a: DashboardPanel, b: DashboardPanel) => {
  const p = a.gridPos!;
  const q = b.gridPos!;
  return p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
};

describe('herald-pipeline dashboard', () => {
  let dashboard: Dashboard;
  let panels: DashboardPanel[];
  let queryPanels: DashboardPanel[];

  beforeAll(() => {
    dashboard = loadDashboard();
    panels = allPanels(dashboard);
    queryPanels = panels.filter((p) => p.type !== 'row');
  });

  it('is valid JSON with the provisioning identity', () => {
    expect(() => JSON.parse(fs.readFileSync(DASHBOARD_FILE, 'utf8'))).not.toThrow();
    expect(dashboard).toMatchObject({ uid: 'herald-pipeline', schemaVersion: 39 });
    expect(dashboard.__inputs).toBeUndefined();
    expect(dashboard.templating?.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
  });

  it('has unique panel ids', () => {
    const ids = panels.map((p) => p.id);
    expect(ids.every((id) => Number.isInteger(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('places every panel inside the 24-column grid without overlaps', () => {
    for (const p of panels) {
      expect({ title: p.title, gridPos: p.gridPos }).toEqual({
        title: p.title,
        gridPos: { x: expect.any(Number), y: expect.any(Number), w: expect.any(Number), h: expect.any(Number) },
      });
      expect(p.gridPos!.x + p.gridPos!.w).toBeLessThanOrEqual(24);
    }
    const clashes = panels.flatMap((a, i) =>
      panels
        .slice(i + 1)
        .filter((b) => overlaps(a, b))
        .map((b) => `${a.title} / ${b.title}`),
    );
    expect(clashes).toEqual([]);
  });

  it('gives every panel PromQL targets on the datasource variable', () => {
    expect(queryPanels.length).toBeGreaterThan(10);
    for (const p of queryPanels) {
      expect({ title: p.title, datasource: p.datasource }).toEqual({ title: p.title, datasource: DATASOURCE });
      expect({ title: p.title, targets: (p.targets ?? []).length > 0 }).toEqual({ title: p.title, targets: true });
      const refIds = (p.targets ?? []).map((t) => t.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const t of p.targets ?? []) {
        expect({
          title: p.title,
          expr: typeof t.expr === 'string' && t.expr.trim() !== '',
          datasource: t.datasource,
        }).toEqual({ title: p.title, expr: true, datasource: DATASOURCE });
      }
    }
    expect(fs.readFileSync(DASHBOARD_FILE, 'utf8')).not.toContain('DS_PROMETHEUS');
  });

  it('covers the pipeline overview the SRE asked for', () => {
    const exprs = queryPanels.flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? '')).join('\n');
    for (const needle of [
      'kafka_records_consumed_total',
      'kafka_records_produced_total',
      'kafka_consumer_lag_records',
      'stage_latency_seconds_bucket',
      // No `accepted` receipt by default (RECEIPTS_PUBLISH=milestones): ingest's own count of accepted notifications.
      'event_ingest_notifications_emitted_total',
      'receipts_published_total{state="submitted"}',
      'receipts_published_total{state="delivered"}',
      'carrier_circuit_state',
      'carrier_submit_seconds_bucket',
      'carrier_throttles_total',
      'kafka_dlq_records_total',
      'process_resident_memory_bytes',
    ]) {
      expect(exprs).toContain(needle);
    }
  });
});

describe('metric names used by the dashboard and the alerts', () => {
  let catalog: NameCatalog;

  beforeAll(() => {
    catalog = { declared: declaredMetrics(ROOT), standard: standardMetricNames() };
  });

  const queries = (): { where: string; expr: string }[] => [
    ...allPanels(loadDashboard()).flatMap((p) =>
      (p.targets ?? []).map((t) => ({ where: `dashboard "${p.title}" ${t.refId}`, expr: t.expr ?? '' })),
    ),
    ...parseAlertRules(fs.readFileSync(ALERTS_FILE, 'utf8')).map((r) => ({
      where: `alerts.yml ${r.name}`,
      expr: r.expr,
    })),
  ];

  it('finds the declarations it checks against', () => {
    expect(catalog.declared.has('herald_dispatch_kafka_consumer_lag_records')).toBe(true);
    expect(catalog.declared.has('herald_event_ingest_kafka_records_consumed_total')).toBe(true);
    expect(catalog.standard.has('process_resident_memory_bytes')).toBe(true);
  });

  it('reads only metrics that the code declares (or Node/Prometheus standard ones)', () => {
    const missing: string[] = [];
    for (const { where, expr } of queries()) {
      const { names, patterns } = metricNamesIn(expr);
      expect({ where, readsSomething: names.length + patterns.length > 0 }).toEqual({ where, readsSomething: true });
      for (const n of names) {
        const why = checkName(n, catalog);
        if (why) missing.push(`${n} (${where}): ${why}`);
      }
      for (const p of patterns) {
        const why = checkPattern(p, catalog);
        if (why) missing.push(`{__name__=~"${p}"} (${where}): ${why}`);
      }
    }
    if (missing.length > 0) console.log(`metric names missing from the source tree:\n  ${missing.join('\n  ')}`);
    expect(missing).toEqual([]);
  });
});
