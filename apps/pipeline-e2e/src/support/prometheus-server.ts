import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { parse, stringify } from 'yaml';
import { waitFor } from '@herald/testing';

const root = path.resolve(__dirname, '../../../..');

interface Rule {
  alert?: string;
  expr: string;
  for?: string;
  [k: string]: unknown;
}

export interface PromAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
  value: string;
}

/**
 * One alert of deploy/prometheus/alerts.yml as shipped, with its threshold and `for` scaled down so
 * a test can watch it fire in seconds; the rest of its expression is kept verbatim.
 */
export function scaledRule(alert: string, threshold: { from: number; to: number }, forDuration: string): Rule {
  const file = parse(fs.readFileSync(path.join(root, 'deploy/prometheus/alerts.yml'), 'utf8')) as {
    groups: Array<{ rules: Rule[] }>;
  };
  const rule = file.groups.flatMap((g) => g.rules).find((r) => r.alert === alert);
  if (!rule) throw new Error(`alerts.yml has no alert ${alert}`);
  const expr = rule.expr.replace(`> ${threshold.from}`, `> ${threshold.to}`);
  if (expr === rule.expr)
    throw new Error(`alert ${alert} no longer compares with > ${threshold.from}; update the test`);
  return { ...rule, expr, for: forDuration };
}

/** A real Prometheus (Debian's `prometheus`) scraping the given services with the shipped job. */
export class PrometheusServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly base: string,
    private readonly dir: string,
  ) {}

  static async start(
    targets: Array<{ service: string; port: number }>,
    rules: Rule[],
    intervalSeconds = 1,
  ): Promise<PrometheusServer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-prometheus-'));
    const shipped = parse(fs.readFileSync(path.join(root, 'deploy/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<Record<string, unknown>>;
    };
    const job = shipped.scrape_configs.find((j) => j.job_name === 'herald');
    if (!job) throw new Error('deploy/prometheus/prometheus.yml has no herald job');
    const config = {
      global: { scrape_interval: `${intervalSeconds}s`, evaluation_interval: `${intervalSeconds}s` },
      rule_files: ['rules.yml'],
      scrape_configs: [
        {
          ...job,
          static_configs: targets.map((t) => ({ targets: [`127.0.0.1:${t.port}`], labels: { service: t.service } })),
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), stringify(config));
    fs.writeFileSync(path.join(dir, 'rules.yml'), stringify({ groups: [{ name: 'under-test', rules }] }));
    const port = await freePort();
    const log = fs.openSync(path.join(dir, 'prometheus.log'), 'w');
    const child = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { cwd: dir, stdio: ['ignore', log, log] },
    );
    const server = new PrometheusServer(child, `http://127.0.0.1:${port}`, dir);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) =>
        reject(new Error(`prometheus exited with ${code}; see ${path.join(dir, 'prometheus.log')}`)),
      ),
    );
    await Promise.race([
      waitFor('prometheus to be ready', async () => (await fetch(`${server.base}/-/ready`)).ok, 30000, 200),
      exited,
    ]);
    return server;
  }

  async alerts(): Promise<PromAlert[]> {
    const body = (await (await fetch(`${this.base}/api/v1/alerts`)).json()) as { data: { alerts: PromAlert[] } };
    return body.data.alerts;
  }

  async query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
    const body = (await (await fetch(`${this.base}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    return body.data.result;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
