import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { testEnv } from '@herald/testing';

// The platform scripts are plain CommonJS outside every Nx project (they run before any build).
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const services = require('../../../../tools/platform/services.js') as {
  SERVICES: ServiceSpec[];
  spawnService(svc: ServiceSpec, env: Record<string, string>, onLine: (name: string, line: string) => void): ChildProcess;
  waitReady(svc: ServiceSpec, timeoutMs?: number): Promise<void>;
  ROOT: string;
};

export interface ServiceSpec {
  name: string;
  main: string;
  port: number;
  healthPath?: string;
}

export type ServiceName = 'smsc-simulator' | 'event-ingest' | 'templating' | 'compliance' | 'dispatch' | 'receipts';

/**
 * The whole chain as separate OS processes, from the compiled build: the SMSC simulator and the
 * five services. Tests judge only by what can be seen from outside. Every log line is kept in
 * results/e2e-logs/ so a test can scan them (e.g. for phone numbers).
 */
export class Pipeline {
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly logs = new Map<ServiceName, fs.WriteStream>();
  readonly logDir = path.join(services.ROOT, 'results', 'e2e-logs');

  constructor(private readonly env: Record<string, string>) {}

  static async start(overrides: Record<string, string> = {}): Promise<Pipeline> {
    const p = new Pipeline({ ...process.env as Record<string, string>, ...testEnv(), LOG_LEVEL: 'info', ...overrides });
    fs.mkdirSync(p.logDir, { recursive: true });
    for (const svc of services.SERVICES) p.spawn(svc.name as ServiceName);
    await Promise.all(services.SERVICES.map((s) => services.waitReady(s, 90000)));
    return p;
  }

  spec(name: ServiceName): ServiceSpec {
    return services.SERVICES.find((s) => s.name === name)!;
  }

  url(name: ServiceName, pathname: string): string {
    return `http://127.0.0.1:${this.spec(name).port}${pathname}`;
  }

  private spawn(name: ServiceName): void {
    const log = this.logs.get(name) ?? fs.createWriteStream(path.join(this.logDir, `${name}.log`), { flags: 'a' });
    this.logs.set(name, log);
    const child = services.spawnService(this.spec(name), this.env, (_n, line) => log.write(`${line}\n`));
    this.children.set(name, child);
  }

  /** SIGKILL (no drain, no commit) and start again; resolves when it answers ready. */
  async crashAndRestart(name: ServiceName): Promise<void> {
    await this.signal(name, 'SIGKILL');
    this.spawn(name);
    await services.waitReady(this.spec(name), 90000);
  }

  async signal(name: ServiceName, signal: NodeJS.Signals): Promise<void> {
    const child = this.children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  async restart(name: ServiceName): Promise<void> {
    await this.signal(name, 'SIGTERM');
    this.spawn(name);
    await services.waitReady(this.spec(name), 90000);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.children.keys()].map((n) => this.signal(n, 'SIGTERM')));
    await Promise.all([...this.logs.values()].map((l) => new Promise((r) => l.end(r))));
  }

  logFiles(): string[] {
    return [...this.logs.keys()].map((n) => path.join(this.logDir, `${n}.log`));
  }
}
