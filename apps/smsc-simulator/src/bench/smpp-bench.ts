import './register-aliases';
import { SmppSession } from '@herald/smpp';
import { startSimulatorProcess, type SimProcess } from './sim-process';

// submit_sm throughput of one bind at several window sizes, against the simulator in its own
// process (RTT ~0: this measures the client + simulator ceiling, not a carrier). Receipts are on.
//   npx tsc -p tsconfig.build.json && node dist/apps/smsc-simulator/src/bench/smpp-bench.js [count] [windows]
//   e.g. node .../smpp-bench.js 20000 1,10,50

interface Row {
  window: number;
  submits: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  receipts: number;
}

async function runWindow(sim: SimProcess, window: number, count: number, label = 'bench'): Promise<Row> {
  const session = new SmppSession();
  let receipts = 0;
  session.on('deliver', () => receipts++);
  await session.connect({
    host: sim.host,
    port: sim.smppPort,
    systemId: 'herald',
    password: 'secret',
    windowSize: window,
  });
  const body = Buffer.from('Your order 10023 has shipped and will arrive tomorrow.');
  const latencies = new Float64Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      const r = await session.submit({
        source: 'Herald',
        destination: `+3361234${String(i % 10000).padStart(4, '0')}`,
        shortMessage: body,
        dataCoding: 0,
        userMessageReference: `${label}-${window}-${i}`,
      });
      if (r.status !== 0) throw new Error(`submit refused with ${r.status}`);
      latencies[i] = performance.now() - t0;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: window }, worker));
  const seconds = (performance.now() - start) / 1000;
  const settle = Date.now() + 3000;
  while (receipts < count && Date.now() < settle) await new Promise((r) => setTimeout(r, 20));
  await session.close();
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
  const sim = await startSimulatorProcess({ SIM_DLR_DELAY_MS: '0' });
  try {
    await runWindow(sim, 10, 1000, 'warmup');
    await fetch(`http://${sim.host}:${sim.httpPort}/reset`, { method: 'POST' });
    const rows: Row[] = [];
    for (const w of windows) rows.push(await runWindow(sim, w, count));
    const stats = (await (await fetch(`http://${sim.host}:${sim.httpPort}/stats`)).json()) as {
      submits: { total: number };
      duplicates: { total: number };
    };
    process.stdout.write(
      `${table(rows)}\n\nsimulator recorded ${stats.submits.total} submits, ${stats.duplicates.total} duplicates\n`,
    );
  } finally {
    await sim.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
