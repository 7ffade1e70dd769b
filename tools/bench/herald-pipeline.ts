// The real Herald for phases 2 and 4: the simulator and the five compiled services as separate
// processes, started by apps/pipeline-e2e's Pipeline.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import Module from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Kafka } from '@herald/kafka';
import { DomainTopics, Topics } from '@herald/contracts';
import type { Pipeline } from '../../apps/pipeline-e2e/src/support/pipeline';
import { skipToEnd } from './bench-kafka';
import { sleep } from './bench-stats';

const root = path.resolve(__dirname, '../../..');
export const SERVICE_NAMES = [
  'smsc-simulator',
  'event-ingest',
  'templating',
  'compliance',
  'dispatch',
  'receipts',
] as const;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ports = require(path.join(root, 'tools/platform/port-offset.js')) as { portOffset(): number };
/** HERALD_PORT_OFFSET moves every port of the bench's Herald, as it does for npm start and the e2e suites. */
export const portOffset = () => ports.portOffset();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const platformServices = require(path.join(root, 'tools/platform/services.js')) as {
  portsAt(offset: number): number[];
};
/** The SMSC simulator's control API and SMPP port of this run. */
export const simUrl = () => `http://127.0.0.1:${2776 + portOffset()}`;
export const smppPort = () => 2775 + portOffset();

/** Consumer groups of the data path and the topics each reads (for lag, and to skip old backlog). */
export const GROUPS: Record<string, string[]> = {
  'event-ingest': [...DomainTopics],
  templating: [Topics.SmsRequestedV1],
  compliance: [Topics.SmsRenderedV1],
  dispatch: [Topics.SmsApprovedV1],
  receipts: [Topics.SmsStatusV1, Topics.CarrierReceiptsV1],
};

// The e2e support files require tools/platform/*.js scripts (services.js, port-offset.js, kafka.js)
// by paths relative to their source; from the compiled copies in dist/ those paths point into
// dist/, where tsc emits no .js script. Resolve every one of them to the real script instead.
function redirectPlatformScripts(): void {
  const m = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const original = m._resolveFilename;
  m._resolveFilename = function (request: string, ...rest: unknown[]) {
    const script = /\/tools\/platform\/([\w-]+\.js)$/.exec(request)?.[1];
    if (script) return path.join(root, 'tools/platform', script);
    return original.call(this, request, ...rest);
  };
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.createServer().once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

async function waitPortsFree(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = [];
    for (const p of platformServices.portsAt(portOffset())) if (!(await portFree(p))) busy.push(p);
    if (busy.length === 0) return;
    if (Date.now() > deadline) throw new Error(`ports ${busy.join(', ')} still busy: is another Herald running?`);
    process.stderr.write(`ports ${busy.join(', ')} busy, waiting...\n`);
    await sleep(5000);
  }
}

/**
 * The end-to-end rules (no quiet hours, caps out of reach), with caps clamped to what compliance
 * accepts (1..1000 per recipient; every bench event has its own number). e2eEnv would also point at
 * the file from its own directory, which is dist/ once compiled.
 */
function benchRulesFile(): string {
  const rules = JSON.parse(
    fs.readFileSync(path.join(root, 'apps/pipeline-e2e/rules/compliance-rules.e2e.json'), 'utf8'),
  ) as { frequencyCaps?: Array<{ limit: number }> };
  for (const cap of rules.frequencyCaps ?? []) cap.limit = Math.min(cap.limit, 1000);
  const file = path.join(os.tmpdir(), 'herald-bench-compliance-rules.json');
  fs.writeFileSync(file, JSON.stringify(rules, null, 2));
  return file;
}

export interface RunningHerald {
  pipeline: Pipeline;
  pids: Record<string, number>;
  stop(): Promise<void>;
}

/** Waits until no one else runs Herald's groups (in-process tests do): they would share the partitions. */
async function waitGroupsIdle(kafka: Kafka, timeoutMs: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const deadline = Date.now() + timeoutMs; ; await sleep(5000)) {
      const busy = (await admin.describeGroups(Object.keys(GROUPS))).groups
        .filter((g) => g.members.length > 0)
        .map((g) => g.groupId);
      if (busy.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(
          `consumer groups ${busy.join(', ')} still have members: another Herald (or a test using its group ids) is running`,
        );
      process.stderr.write(`groups ${busy.join(', ')} have running members, waiting...\n`);
    }
  } finally {
    await admin.disconnect();
  }
}

export async function startHerald(kafka: Kafka, extraEnv: Record<string, string> = {}): Promise<RunningHerald> {
  await waitPortsFree(180000);
  await waitGroupsIdle(kafka, 180000);
  // Records left by tests and earlier runs would be processed first and blur the measurement.
  await Promise.all(
    Object.entries(GROUPS).map(([group, topics]) =>
      skipToEnd(kafka, group, topics).catch((e: Error) =>
        process.stderr.write(`could not move group ${group} to the end (${e.message}); its backlog comes first\n`),
      ),
    ),
  );
  redirectPlatformScripts();
  type PipelineSupport = typeof import('../../apps/pipeline-e2e/src/support/pipeline');
  type E2eEnvSupport = typeof import('../../apps/pipeline-e2e/src/support/e2e-env');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const support = require('../../apps/pipeline-e2e/src/support/pipeline') as PipelineSupport;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { e2eEnv } = require('../../apps/pipeline-e2e/src/support/e2e-env') as E2eEnvSupport;
  const env = e2eEnv({
    COMPLIANCE_RULES_FILE: benchRulesFile(),
    LOG_LEVEL: 'warn',
    SIM_DLR_DELAY_MS: '20',
    ...extraEnv,
  });
  let pipeline: Pipeline;
  try {
    pipeline = await support.Pipeline.start(env, portOffset());
  } catch (e) {
    // Pipeline.start gives no handle when a service fails to come up: stop the ones that did.
    for (const pid of Object.values(childPids())) process.kill(pid, 'SIGTERM');
    throw new Error(`${(e as Error).message} (see results/e2e-logs/)`);
  }
  return { pipeline, pids: childPids(), stop: () => pipeline.stop() };
}

/** Stops Herald's five services and leaves the simulator running (the alternative submits to it). */
export async function stopServices(herald: RunningHerald): Promise<void> {
  await Promise.all(
    SERVICE_NAMES.filter((s) => s !== 'smsc-simulator').map((s) => herald.pipeline.signal(s, 'SIGTERM')),
  );
}

/** This process's service children by name: the main path alone could match someone else's run. */
function childPids(): Record<string, number> {
  const pids: Record<string, number> = {};
  for (const name of SERVICE_NAMES) {
    try {
      const out = execFileSync('pgrep', ['-P', String(process.pid), '-f', `dist/apps/${name}/src/main.js`])
        .toString()
        .trim();
      pids[name] = Number(out.split('\n')[0]);
    } catch {
      // not running
    }
  }
  return pids;
}

/**
 * Env of every Herald process: each counts its PostgreSQL queries into `queryDir`
 * (pg-queries.preload) and, with a `profileDir`, writes a CPU profile there at exit (cpu-profile-top).
 */
export function benchServiceEnv(queryDir: string, profileDir = ''): Record<string, string> {
  const preloads = [
    path.join(__dirname, 'pg-queries.preload.js'),
    ...(profileDir ? [path.join(__dirname, 'cpu-profile.preload.js')] : []),
  ];
  return {
    BENCH_PG_COUNT_DIR: queryDir,
    ...(profileDir ? { BENCH_CPU_PROF_DIR: profileDir } : {}),
    NODE_OPTIONS: preloads.map((p) => `--require ${p}`).join(' '),
  };
}

/**
 * The pid of the broker serving `brokers` when it runs on this machine (its CPU is part of the
 * picture on 2 cores): the process listening on its port, so another broker on the same machine
 * is not measured instead.
 */
export function brokerPid(brokers: string[]): number | undefined {
  const port = Number(/:(\d+)$/.exec(brokers[0] ?? '')?.[1]);
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString();
    const pid = Number(/pid=(\d+)/.exec(out)?.[1]);
    if (pid) return pid;
  } catch {
    // no ss: fall back to the first broker process
  }
  try {
    return Number(execFileSync('pgrep', ['-f', 'kafka.Kafka']).toString().trim().split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}
