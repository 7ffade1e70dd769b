import * as fs from 'node:fs';
import * as path from 'node:path';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { histogramBase } from './promql-names';

export type MetricKind = 'counter' | 'gauge' | 'histogram';

/** The services Prometheus scrapes; a shared lib's metric exists once per service. */
export const SERVICES = ['event-ingest', 'templating', 'compliance', 'dispatch', 'receipts'] as const;

const PROMETHEUS_SYNTHETIC = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'ALERTS',
  'ALERTS_FOR_STATE',
];

// `metrics.counter('name'`, `m.histogram<'a'>(\n 'name'`: the first argument of a MetricsRegistry factory.
const DECLARATION = /\.(counter|gauge|histogram)\s*(?:<[^>()]*>)?\(\s*(['"`])([a-zA-Z_:][a-zA-Z0-9_:]*)\2/g;

export const prefixOf = (service: string) => `herald_${service.replace(/-/g, '_')}_`;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name) ? [full] : [];
  });
}

export interface Declaration {
  name: string;
  kind: MetricKind;
  file: string;
}

export function declarationsIn(file: string, prefixes: readonly string[]): Declaration[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(DECLARATION)].flatMap((m) =>
    prefixes.map((p) => ({ name: p + m[3], kind: m[1] as MetricKind, file })),
  );
}

/**
 * Every metric name the source tree declares through MetricsRegistry: `apps/<service>/src` under
 * that service's prefix, `libs/` (kafka engine and friends, loaded by every service) under each
 * service's prefix.
 */
export function declaredMetrics(root: string): Map<string, Declaration> {
  const out = new Map<string, Declaration>();
  const add = (d: Declaration) => out.set(d.name, d);
  const libPrefixes = SERVICES.map(prefixOf);
  for (const lib of fs.readdirSync(path.join(root, 'libs'))) {
    for (const f of sourceFiles(path.join(root, 'libs', lib, 'src'))) declarationsIn(f, libPrefixes).forEach(add);
  }
  for (const app of fs.readdirSync(path.join(root, 'apps'))) {
    for (const f of sourceFiles(path.join(root, 'apps', app, 'src'))) declarationsIn(f, [prefixOf(app)]).forEach(add);
  }
  return out;
}

/** Node process metrics as prom-client's collectDefaultMetrics names them, plus Prometheus' own series. */
export function standardMetricNames(): Set<string> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const names = registry.getMetricsAsArray().map((m) => m.name);
  registry.clear();
  return new Set([...names, ...PROMETHEUS_SYNTHETIC]);
}

export interface NameCatalog {
  declared: Map<string, Declaration>;
  standard: Set<string>;
}

/** Why `name` is not produced, or undefined when it is. */
export function checkName(name: string, c: NameCatalog): string | undefined {
  if (c.standard.has(name) || c.declared.has(name)) return undefined;
  const base = histogramBase(name);
  if (base && c.declared.get(base)?.kind === 'histogram') return undefined;
  if (base && c.standard.has(base)) return undefined;
  return base && c.declared.has(base)
    ? `${base} is a ${c.declared.get(base)?.kind}, not a histogram`
    : 'not declared anywhere';
}

/**
 * A `herald_.+_<suffix>` regex must match the suffix in every service (a shared-lib metric);
 * any other regex must match at least one declared name.
 */
export function checkPattern(pattern: string, c: NameCatalog): string | undefined {
  const perService = /^herald_\.[+*]_(.+)$/.exec(pattern);
  if (perService) {
    const missing = SERVICES.map((s) => prefixOf(s) + perService[1]).filter((n) => checkName(n, c) !== undefined);
    return missing.length === 0 ? undefined : `not produced by every service (missing ${missing.join(', ')})`;
  }
  const re = new RegExp(`^(?:${pattern})$`);
  const candidates = [...c.declared.keys(), ...c.standard];
  const series = (n: string) =>
    c.declared.get(n)?.kind === 'histogram' ? [n, `${n}_bucket`, `${n}_sum`, `${n}_count`] : [n];
  const hit = candidates.some((n) => series(n).some((s) => re.test(s)));
  return hit ? undefined : 'matches no declared metric';
}
