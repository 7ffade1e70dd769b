import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const PROMETHEUS_DIR = path.join(ROOT, 'deploy/prometheus');
export const ALERTS_FILE = path.join(PROMETHEUS_DIR, 'alerts.yml');
export const ALERTS_TEST_FILE = path.join(PROMETHEUS_DIR, 'alerts.test.yml');
export const PROMETHEUS_CONFIG = path.join(PROMETHEUS_DIR, 'prometheus.yml');
export const DASHBOARD_FILE = path.join(ROOT, 'deploy/grafana/dashboards/herald-pipeline.json');
export const RUNBOOKS_FILE = path.join(ROOT, 'docs/operations/runbooks.md');

export interface AlertRule {
  name: string;
  expr: string;
  fields: Record<string, string>;
}

const unquote = (v: string) =>
  v
    .trim()
    .replace(/^'(.*)'$/s, '$1')
    .replace(/^"(.*)"$/s, '$1');

/**
 * Reads the alerting rules of alerts.yml (a fixed shape: `- alert:`, `expr:` inline or as a `|`
 * block, scalar labels and annotations). Not a YAML parser: promtool validates the file itself,
 * and the spec cross-checks the rule count against promtool's.
 */
export function parseAlertRules(text: string): AlertRule[] {
  const rules: AlertRule[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = /^\s*- alert:\s*(\S+)/.exec(lines[i]);
    if (start) {
      rules.push({ name: start[1], expr: '', fields: {} });
      continue;
    }
    const rule = rules[rules.length - 1];
    if (!rule) continue;
    const block = /^(\s*)expr:\s*\|\s*$/.exec(lines[i]);
    if (block) {
      const body: string[] = [];
      while (i + 1 < lines.length && (lines[i + 1].trim() === '' || lines[i + 1].search(/\S/) > block[1].length))
        body.push(lines[++i].trim());
      rule.expr = body.join('\n').trim();
      continue;
    }
    const field = /^\s*(expr|for|severity|summary|description|runbook_url):\s*(.+)$/.exec(lines[i]);
    if (field?.[1] === 'expr') rule.expr = unquote(field[2]);
    else if (field) rule.fields[field[1]] = unquote(field[2]);
  }
  return rules;
}

/** For each alertname in a promtool test file: whether some case expects it firing, and some not. */
export function alertTestCoverage(text: string): Map<string, { firing: boolean; silent: boolean }> {
  const out = new Map<string, { firing: boolean; silent: boolean }>();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = /^\s*alertname:\s*(\S+)/.exec(line);
    if (!m) return;
    const exp = lines.slice(i + 1).find((l) => /^\s*exp_alerts:/.test(l)) ?? '';
    const seen = out.get(m[1]) ?? { firing: false, silent: false };
    if (/exp_alerts:\s*\[\]/.test(exp)) seen.silent = true;
    else seen.firing = true;
    out.set(m[1], seen);
  });
  return out;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
export function markdownAnchors(markdown: string): Set<string> {
  const headings = [...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1]);
  return new Set(
    headings.map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );
}

export interface DashboardTarget {
  refId?: string;
  expr?: string;
  datasource?: { type?: string; uid?: string };
}

export interface DashboardPanel {
  id?: number;
  type?: string;
  title?: string;
  gridPos?: { x: number; y: number; w: number; h: number };
  datasource?: { type?: string; uid?: string };
  targets?: DashboardTarget[];
  panels?: DashboardPanel[];
}

export interface Dashboard {
  uid?: string;
  title?: string;
  schemaVersion?: number;
  __inputs?: unknown;
  panels?: DashboardPanel[];
  templating?: { list?: { name?: string; type?: string; query?: string }[] };
}

export function loadDashboard(file = DASHBOARD_FILE): Dashboard {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Dashboard;
}

/** Panels in display order, the panels of collapsed rows included. */
export function allPanels(d: Dashboard): DashboardPanel[] {
  return (d.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** Grafana's interval variables replaced by durations PromQL accepts. */
export function withGrafanaVariables(expr: string): string {
  return expr.replace(/\$__rate_interval|\$__interval|\$\{__rate_interval\}/g, '5m').replace(/\$__range/g, '1h');
}
