import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ALERTS_FILE,
  ALERTS_TEST_FILE,
  PROMETHEUS_CONFIG,
  ROOT,
  allPanels,
  loadDashboard,
  parseAlertRules,
  withGrafanaVariables,
} from './ops-files';

// promtool is Debian's `prometheus` package; tools/scripts/ensure-deps.js installs it for `npm test`.
const hasPromtool = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).status === 0;

function promtool(...args: string[]): string {
  if (!hasPromtool)
    throw new Error(
      'promtool not found: apt-get install -y prometheus (npm test installs it through tools/scripts/ensure-deps.js)',
    );
  const r = spawnSync('promtool', args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`promtool ${args.join(' ')} exited ${r.status ?? r.signal}:\n${output}`);
  return output;
}

describe('promtool', () => {
  it('accepts the alert rules, and they are all alerts this repo parses', () => {
    const out = promtool('check', 'rules', ALERTS_FILE);
    const found = Number(/SUCCESS: (\d+) rules found/.exec(out)?.[1]);
    expect(found).toBe(parseAlertRules(fs.readFileSync(ALERTS_FILE, 'utf8')).length);
  });

  it('accepts the Prometheus config (which loads alerts.yml)', () => {
    expect(promtool('check', 'config', PROMETHEUS_CONFIG)).toContain('SUCCESS: 1 rule files found');
  });

  it('passes the alert unit tests (each alert firing and not firing)', () => {
    expect(promtool('test', 'rules', ALERTS_TEST_FILE)).toContain('SUCCESS');
  });

  it('parses every dashboard query as PromQL', () => {
    const rules = allPanels(loadDashboard()).flatMap((p) =>
      (p.targets ?? []).map((t, i) => ({
        record: `dashboard:panel_${p.id}_${i}`,
        expr: withGrafanaVariables(t.expr ?? ''),
      })),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-dashboard-'));
    try {
      const file = path.join(dir, 'dashboard-queries.yml');
      fs.writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboard', rules }] }));
      expect(promtool('check', 'rules', file)).toContain(`SUCCESS: ${rules.length} rules found`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
