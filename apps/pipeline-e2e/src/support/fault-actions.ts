import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Pipeline, ServiceName } from './pipeline';
import type { SimulatorClient } from './simulator-client';

const run = promisify(execFile);
// The platform scripts are plain CommonJS outside every Nx project (they run before any build).
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const kafka = require('../../../../tools/platform/kafka.js') as { restartBroker(): Promise<unknown> };

export interface FaultLog {
  at: string;
  fault: string;
  ms: number;
  /** Events published when the fault began: below the total means it hit a stream in flight. */
  publishedBefore: number;
}

/** Every fault the suite injects, each timed; the order is shuffled by the caller. */
export function faultActions(pipeline: Pipeline, simulator: SimulatorClient): Array<[string, () => Promise<void>]> {
  const kill = (name: ServiceName): [string, () => Promise<void>] => [`SIGKILL ${name}`, () => pipeline.crashAndRestart(name)];
  return [
    kill('event-ingest'),
    kill('templating'),
    kill('compliance'),
    kill('dispatch'),
    kill('receipts'),
    ['restart the Kafka broker', async () => void (await kafka.restartBroker())],
    ['restart PostgreSQL', async () => void (await run('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', 'restart'], { timeout: 60000 }))],
    ['drop SMPP connections with a full window', async () => {
      await simulator.configure({ submitLatencyMs: 300 });
      await new Promise((r) => setTimeout(r, 500));
      await simulator.dropConnections();
      await simulator.configure({ submitLatencyMs: 0 });
    }],
    ['throttle 30% of submits for 5 s', async () => {
      await simulator.configure({ throttleRate: 0.3 });
      await new Promise((r) => setTimeout(r, 5000));
      await simulator.configure({ throttleRate: 0 });
    }],
  ];
}

export async function timed(name: string, action: () => Promise<void>, log: FaultLog[], publishedBefore: number): Promise<void> {
  const started = Date.now();
  await action();
  log.push({ at: new Date(started).toISOString(), fault: name, ms: Date.now() - started, publishedBefore });
}
