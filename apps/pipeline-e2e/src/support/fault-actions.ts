import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Pipeline, ServiceName } from './pipeline';
import type { SimulatorClient } from './simulator-client';

const run = promisify(execFile);
// The platform scripts (project tools/platform) are plain CommonJS: they run before any build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafka = require('@herald/platform/kafka.js') as {
  restartBroker(): Promise<unknown>;
  stopBroker(): Promise<boolean>;
  startBroker(ports: { port: number; controllerPort: number }): Promise<unknown>;
  renderedPorts(): { port: number; controllerPort: number };
};

export interface FaultLog {
  at: string;
  fault: string;
  ms: number;
  /** Events published when the fault began: below the total means it hit a stream in flight. */
  publishedBefore: number;
}

/**
 * The PostgreSQL cluster the faults stop and start: `HERALD_FAULT_PG_CLUSTER` ("<version> <name>"),
 * by default "15 main", the machine's cluster that CI runs the suite against. A developer points it
 * at a private cluster (`pg_createcluster 15 faults -p 5433`) so a run never stops a shared server.
 */
export function pgCluster(): [string, string] {
  const [version, name, ...rest] = (process.env.HERALD_FAULT_PG_CLUSTER ?? '15 main').trim().split(/\s+/);
  if (!version || !name || rest.length > 0)
    throw new Error(
      `HERALD_FAULT_PG_CLUSTER must be "<version> <name>" (e.g. "15 main"), got "${process.env.HERALD_FAULT_PG_CLUSTER}"`,
    );
  return [version, name];
}

/** Refuses to act on a cluster other than the one DATABASE_URL points at: the fault would miss. */
async function checkedCluster(): Promise<[string, string]> {
  const [version, name] = pgCluster();
  const { stdout } = await run('pg_lsclusters', ['-h']);
  const line = stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((c) => c[0] === version && c[1] === name);
  if (!line) throw new Error(`pg_lsclusters has no cluster ${version} ${name} (HERALD_FAULT_PG_CLUSTER)`);
  const port = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald').port || '5432';
  if (line[2] !== port)
    throw new Error(
      `cluster ${version} ${name} listens on ${line[2]} but DATABASE_URL uses ${port}: set HERALD_FAULT_PG_CLUSTER to the cluster the services use`,
    );
  return [version, name];
}

async function pgctl(action: 'stop' | 'start' | 'restart'): Promise<void> {
  const [version, name] = await checkedCluster();
  // fast: connections are cut at once, as in a crash or a failover, not drained politely.
  const mode = action === 'start' ? [] : ['--mode', 'fast'];
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', ...mode, version, name, action], { timeout: 60000 });
}

/** The broker this repo started (HERALD_KAFKA_HOME), checked to be the one KAFKA_BROKERS names. */
function checkedBrokerPorts(): { port: number; controllerPort: number } {
  const ports = kafka.renderedPorts();
  const used = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092')
    .split(',')
    .map((b) => Number(b.trim().split(':').pop()));
  if (used.length !== 1 || used[0] !== ports.port) {
    throw new Error(
      `the local broker (HERALD_KAFKA_HOME) listens on ${ports.port} but KAFKA_BROKERS is ${process.env.KAFKA_BROKERS}: a broker fault needs the one-node broker this repo started`,
    );
  }
  return ports;
}

/** PostgreSQL stopped (fast) for `ms`, then started; resolves once it was started again. */
export async function stopPostgresFor(ms: number): Promise<void> {
  await pgctl('stop');
  try {
    await new Promise((r) => setTimeout(r, ms));
  } finally {
    await pgctl('start');
  }
}

/** The Kafka broker stopped for `ms` (data kept), then started; resolves once it serves again. */
export async function stopBrokerFor(ms: number): Promise<void> {
  const ports = checkedBrokerPorts();
  if (!(await kafka.stopBroker())) throw new Error('no broker started by this repo was running: nothing was stopped');
  try {
    await new Promise((r) => setTimeout(r, ms));
  } finally {
    await kafka.startBroker(ports);
  }
}

/** One carrier account (SMPP system id) refusing binds for `ms`: its sessions unbound, then binds accepted again. */
export async function refuseBindsFor(simulator: SimulatorClient, systemIds: string[], ms: number): Promise<void> {
  await simulator.configure({ refuseBinds: systemIds });
  try {
    await new Promise((r) => setTimeout(r, ms));
  } finally {
    await simulator.configure({ refuseBinds: [] });
  }
}

/**
 * Every fault the suite injects, each timed; the order is shuffled by the caller. With `outageMs`
 * (the full form), PostgreSQL and the broker are also stopped that long, and the carrier refuses
 * binds for twice that: the outages production brings, not only restarts.
 */
export function faultActions(
  pipeline: Pipeline,
  simulator: SimulatorClient,
  options: { outageMs?: number; systemId?: string } = {},
): Array<[string, () => Promise<void>]> {
  const kill = (name: ServiceName): [string, () => Promise<void>] => [
    `SIGKILL ${name}`,
    () => pipeline.crashAndRestart(name),
  ];
  const actions: Array<[string, () => Promise<void>]> = [
    kill('event-ingest'),
    kill('templating'),
    kill('compliance'),
    kill('dispatch'),
    kill('receipts'),
    [
      'restart the Kafka broker',
      async () => {
        checkedBrokerPorts();
        await kafka.restartBroker();
      },
    ],
    ['restart PostgreSQL', () => pgctl('restart')],
    [
      'drop SMPP connections with a full window',
      async () => {
        await simulator.configure({ submitLatencyMs: 300 });
        await new Promise((r) => setTimeout(r, 500));
        await simulator.dropConnections();
        await simulator.configure({ submitLatencyMs: 0 });
      },
    ],
    [
      'throttle 30% of submits for 5 s',
      async () => {
        await simulator.configure({ throttleRate: 0.3 });
        await new Promise((r) => setTimeout(r, 5000));
        await simulator.configure({ throttleRate: 0 });
      },
    ],
  ];
  const { outageMs } = options;
  if (outageMs !== undefined) {
    actions.push(
      [`stop PostgreSQL for ${outageMs / 1000} s`, () => stopPostgresFor(outageMs)],
      [`stop the Kafka broker for ${outageMs / 1000} s`, () => stopBrokerFor(outageMs)],
      [
        `the carrier refuses binds for ${(2 * outageMs) / 1000} s`,
        () => refuseBindsFor(simulator, [options.systemId ?? 'herald'], 2 * outageMs),
      ],
    );
  }
  return actions;
}

export async function timed(
  name: string,
  action: () => Promise<void>,
  log: FaultLog[],
  publishedBefore: number,
): Promise<void> {
  const started = Date.now();
  await action();
  log.push({ at: new Date(started).toISOString(), fault: name, ms: Date.now() - started, publishedBefore });
}
