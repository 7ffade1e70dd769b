import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { testEnv } from '@herald/testing';

// The platform scripts (project tools/platform) are plain CommonJS: they run before any build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require('@herald/platform/services.js') as {
  SERVICES: ServiceSpec[];
  servicesAt(offset: number): ServiceSpec[];
  spawnService(
    svc: ServiceSpec,
    env: Record<string, string>,
    onLine: (name: string, line: string) => void,
  ): ChildProcess;
  waitReady(svc: ServiceSpec, timeoutMs?: number): Promise<void>;
  ROOT: string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ports = require('@herald/platform/port-offset.js') as {
  portOffset(): number;
  carriersFile(offset: number, patch: Record<string, unknown>, dir: string): string;
  movedPortsEnv(offset: number, dir: string): Record<string, string>;
};

/** HERALD_PORT_OFFSET (or its former name HERALD_E2E_PORT_OFFSET): the ports of this run, as `npm start` reads it. */
export const portOffset = (): number => ports.portOffset();

export interface ServiceSpec {
  name: string;
  main: string;
  port: number;
  /** The management listener (MGMT_PORT): /health/live, /health/ready, /metrics. Not the simulator's. */
  mgmtPort?: number;
  healthPath?: string;
}

function p0LogDir(): string {
  return path.join(services.ROOT, 'results', 'e2e-logs');
}

/**
 * A carriers file for dispatch: the shipped one with its SMPP ports moved by `offset` and each
 * carrier patched (e.g. `{ mpsSegments: 1 }` to make dispatch the slow consumer of a test).
 */
export function carriersFile(offset: number, patch: Record<string, unknown> = {}, dir = p0LogDir()): string {
  return ports.carriersFile(offset, patch, dir);
}

export type ServiceName = 'smsc-simulator' | 'event-ingest' | 'templating' | 'compliance' | 'dispatch' | 'receipts';

/**
 * The whole chain as separate OS processes, from the compiled build: the SMSC simulator and the
 * five services. Tests judge only by what can be seen from outside. Every log line is kept in
 * results/e2e-logs/ (e2e-logs-<offset>/ when the ports are moved) so a test can scan them (e.g. for phone numbers).
 */
export class Pipeline {
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly logs = new Map<ServiceName, fs.WriteStream>();
  /** Per port offset: two runs side by side (each on its own ports) must not write the same files. */
  readonly logDir: string;

  private readonly specs: ServiceSpec[];

  constructor(
    private readonly env: Record<string, string>,
    readonly portOffset: number,
  ) {
    this.specs = services.servicesAt(portOffset);
    this.logDir = path.join(services.ROOT, 'results', portOffset === 0 ? 'e2e-logs' : `e2e-logs-${portOffset}`);
  }

  /** `portOffset` moves every port (HTTP, management, SMPP) so a run can sit beside a local `npm start`. */
  static async start(overrides: Record<string, string> = {}, portOffset = ports.portOffset()): Promise<Pipeline> {
    const templating = services.servicesAt(portOffset).find((s) => s.name === 'templating')!;
    // event-ingest reads the template keys from this run's templating (testEnv turns the check off).
    const wiring = { INGEST_REFUSE_UNKNOWN_TEMPLATES: 'true', TEMPLATING_URL: `http://127.0.0.1:${templating.port}` };
    const p = new Pipeline(
      {
        ...(process.env as Record<string, string>),
        ...testEnv(),
        LOG_LEVEL: 'info',
        ...ports.movedPortsEnv(portOffset, p0LogDir()),
        ...wiring,
        ...overrides,
      },
      portOffset,
    );
    fs.mkdirSync(p.logDir, { recursive: true });
    for (const svc of p.specs) p.spawn(svc.name as ServiceName);
    try {
      await Promise.all(p.specs.map((s) => p.ready(s.name as ServiceName)));
    } catch (e) {
      await p.stop();
      throw e;
    }
    return p;
  }

  spec(name: ServiceName): ServiceSpec {
    return this.specs.find((s) => s.name === name)!;
  }

  url(name: ServiceName, pathname: string): string {
    return `http://127.0.0.1:${this.spec(name).port}${pathname}`;
  }

  /** A service's management port: where /metrics and /health/* are (the API port answers 404 for them). */
  managementPort(name: ServiceName): number {
    const port = this.spec(name).mgmtPort;
    if (port === undefined) throw new Error(`${name} has no management port`);
    return port;
  }

  managementUrl(name: ServiceName, pathname: string): string {
    return `http://127.0.0.1:${this.managementPort(name)}${pathname}`;
  }

  private spawn(name: ServiceName, env: Record<string, string> = {}): void {
    const log = this.logs.get(name) ?? fs.createWriteStream(path.join(this.logDir, `${name}.log`), { flags: 'w' });
    this.logs.set(name, log);
    const child = services.spawnService(this.spec(name), { ...this.env, ...env }, (_n, line) => log.write(`${line}\n`));
    this.children.set(name, child);
  }

  /** Ready on /health/ready (management port), or fails at once with the service's own last line if it exits first. */
  private ready(name: ServiceName): Promise<void> {
    const child = this.children.get(name)!;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) =>
        reject(
          new Error(`${name} exited with ${code} before it was ready; see ${path.join(this.logDir, `${name}.log`)}`),
        ),
      ),
    );
    return Promise.race([services.waitReady(this.spec(name), 90000), exited]);
  }

  /** SIGKILL (no drain, no commit) and start again; resolves when it answers ready. */
  async crashAndRestart(name: ServiceName): Promise<void> {
    await this.signal(name, 'SIGKILL');
    this.spawn(name);
    await this.ready(name);
  }

  async signal(name: ServiceName, signal: NodeJS.Signals): Promise<void> {
    const child = this.children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  /** Graceful stop and start again, optionally with a few settings of its own (e.g. a new carriers file). */
  async restart(name: ServiceName, env: Record<string, string> = {}): Promise<void> {
    await this.signal(name, 'SIGTERM');
    this.spawn(name, env);
    await this.ready(name);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.children.keys()].map((n) => this.signal(n, 'SIGTERM')));
    await Promise.all([...this.logs.values()].map((l) => new Promise((r) => l.end(r))));
  }

  logFiles(): string[] {
    return [...this.logs.keys()].map((n) => path.join(this.logDir, `${n}.log`));
  }
}
