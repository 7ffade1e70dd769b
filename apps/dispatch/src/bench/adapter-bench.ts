// submit_sm throughput through dispatch's SMPP carrier adapter (parts, TLVs, outcome folding, late-
// response bookkeeping included) over one bind, at several window sizes, against the SMSC simulator
// running in its own process. Receipts are on and acknowledged. Compiled run:
//   npx tsc -p tsconfig.build.json
//   node -r ./tools/runtime/register.js dist/apps/dispatch/src/bench/adapter-bench.js [count] [windows]
//   e.g. ... adapter-bench.js 20000 1,10,50
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { SmppCarrierAdapter } from '../carriers/smpp/smpp-carrier.adapter';
import type { CarrierEventSink } from '../carriers/carrier-adapter';
import { referenceFor } from '../domain/message-reference';
import type { OutboundSms } from '../domain/submit-outcome';

interface Sim {
  smppPort: number;
  httpPort: number;
  stop(): void;
}

interface Row {
  window: number;
  submits: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  receipts: number;
}

const root = path.resolve(__dirname, '../../../../..');

/** The compiled simulator (dist/apps/smsc-simulator) as a child process on free ports; started by path, not imported. */
function startSimulator(): Promise<Sim> {
  const child = fork(path.join(root, 'dist/apps/smsc-simulator/src/main.js'), [], {
    execArgv: ['-r', path.join(root, 'tools/runtime/register.js')],
    env: { ...process.env, SIM_SMPP_PORT: '0', SIM_HTTP_PORT: '0', SIM_DLR_DELAY_MS: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.includes('smsc-simulator.ready'));
      if (line === undefined) return;
      const { smppPort, httpPort } = JSON.parse(line) as { smppPort: number; httpPort: number };
      child.removeAllListeners('exit');
      resolve({ smppPort, httpPort, stop: () => child.kill('SIGTERM') });
    });
  });
}

async function runWindow(sim: Sim, window: number, count: number): Promise<Row> {
  let receipts = 0;
  const sink: CarrierEventSink = {
    receipt: async () => void receipts++,
    inbound: async () => undefined,
    unreadable: () => undefined,
  };
  const adapter = new SmppCarrierAdapter({
    carrier: {
      id: 'bench',
      type: 'smpp',
      host: '127.0.0.1',
      port: sim.smppPort,
      systemId: 'herald',
      windowSize: window,
      mpsSegments: 0,
      countries: '*',
      priority: 1,
      concat: 'udh',
      acceptdAs: 'enroute',
    },
    password: 'secret',
    enquireLinkMs: 30_000,
    responseTimeoutMs: 10_000,
    minBackoffMs: 100,
    maxBackoffMs: 1000,
  });
  adapter.start(sink);
  while (!adapter.health().bound) await new Promise((r) => setTimeout(r, 10));
  const expiresAt = Date.now() + 3_600_000;
  const latencies = new Float64Array(count);
  let next = 0;
  // Twice the window in flight through the adapter, so the bind's window never runs dry.
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const messageId = randomUUID();
      const sms: OutboundSms = {
        messageId,
        reference: referenceFor(messageId),
        destination: `+4477009${String(i % 100000).padStart(5, '0')}`,
        source: 'Herald',
        parts: ['Your order 10023 has shipped and will arrive tomorrow.'],
        encoding: 'GSM7',
        expiresAt,
        country: 'GB',
      };
      const t0 = performance.now();
      const outcome = await adapter.submit(sms);
      if (outcome.kind !== 'submitted') throw new Error(`submit ${i} ended ${outcome.kind}`);
      latencies[i] = performance.now() - t0;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: window * 2 }, worker));
  const seconds = (performance.now() - start) / 1000;
  const settle = Date.now() + 3000;
  while (receipts < count && Date.now() < settle) await new Promise((r) => setTimeout(r, 20));
  await adapter.stop();
  latencies.sort();
  const pct = (p: number) => latencies[Math.min(count - 1, Math.floor(count * p))];
  return { window, submits: count, seconds, perSecond: count / seconds, p50: pct(0.5), p99: pct(0.99), receipts };
}

function table(rows: Row[]): string {
  const head =
    '| window | submits | seconds | submit/s | p50 ms | p99 ms | receipts |\n|---:|---:|---:|---:|---:|---:|---:|\n';
  return (
    head +
    rows
      .map(
        (r) =>
          `| ${r.window} | ${r.submits} | ${r.seconds.toFixed(2)} | ${Math.round(r.perSecond)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.receipts} |`,
      )
      .join('\n')
  );
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20000);
  const windows = (process.argv[3] ?? '1,10,50').split(',').map(Number);
  const sim = await startSimulator();
  try {
    await runWindow(sim, 10, 2000);
    await fetch(`http://127.0.0.1:${sim.httpPort}/reset`, { method: 'POST' });
    const rows: Row[] = [];
    for (const w of windows) rows.push(await runWindow(sim, w, count));
    const stats = (await (await fetch(`http://127.0.0.1:${sim.httpPort}/stats`)).json()) as {
      submits: { total: number };
      duplicates: { total: number };
    };
    process.stdout.write(
      `${table(rows)}\n\nsimulator recorded ${stats.submits.total} submits, ${stats.duplicates.total} duplicates\n`,
    );
  } finally {
    sim.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
