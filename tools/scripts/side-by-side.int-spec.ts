import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// The platform scripts are plain CommonJS (they run before any build).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { databaseUrlFor } = require('@herald/platform/postgres.js') as {
  databaseUrlFor(url: string, db: string): string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { portOpen } = require('@herald/platform/kafka.js') as { portOpen(port: number): Promise<boolean> };

const root = path.resolve(__dirname, '../..');
// Issue 22: `npm start` beside another Herald (a second checkout, or `npm test`), moved by one variable.
const OFFSETS = [900, 950];
const DEMO_DONE = /demo: (\d+) of (\d+) samples reached a final state/;

interface Herald {
  offset: number;
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** `npm start` (dist already built) with HERALD_PORT_OFFSET: it starts its own broker on the moved ports. */
function startHerald(offset: number, args: string[] = []): Herald {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of [
    'KAFKA_BROKERS',
    'KAFKA_PORT',
    'KAFKA_CONTROLLER_PORT',
    'HERALD_KAFKA_HOME',
    'HERALD_E2E_PORT_OFFSET',
  ])
    delete env[key];
  Object.assign(env, {
    HERALD_PORT_OFFSET: String(offset),
    DATABASE_URL: databaseUrlFor(process.env.DATABASE_URL!, `herald_${offset}`),
    // No quiet hours: every sample can end in a final state at any hour of the day.
    COMPLIANCE_RULES_FILE: path.join(root, 'apps/pipeline-e2e/rules/compliance-rules.e2e.json'),
    LOG_LEVEL: 'info',
  });
  const child = spawn(process.execPath, ['tools/scripts/start.js', '--no-build', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: Array<() => void> = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    waiters.splice(0).forEach((w) => w());
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => (waiters.splice(0).forEach((w) => w()), resolve(code))),
  );
  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`offset ${offset}: no ${pattern} within ${timeoutMs} ms; output:\n${out.slice(-3000)}`)),
        timeoutMs,
      );
      const check = () => {
        const m = pattern.exec(out);
        if (m) return void (clearTimeout(timer), resolve(m));
        if (child.exitCode !== null)
          return void (
            clearTimeout(timer),
            reject(new Error(`offset ${offset}: exited ${child.exitCode}; output:\n${out.slice(-3000)}`))
          );
        waiters.push(check);
      };
      check();
    });
  return { offset, child, output: () => out, waitFor, exited };
}

async function stop(h: Herald): Promise<number | null> {
  if (h.child.exitCode === null) h.child.kill('SIGINT');
  return h.exited;
}

describe('two Heralds side by side (HERALD_PORT_OFFSET)', () => {
  const heralds: Herald[] = [];
  afterAll(async () => {
    await Promise.all(heralds.map(stop));
  });

  it('a second npm start with the offset runs beside a first, each on its own ports and broker, and both demos end every sample in a final state', async () => {
    heralds.push(...OFFSETS.map((offset) => startHerald(offset)));
    const demos = await Promise.all(heralds.map((h) => h.waitFor(DEMO_DONE, 300_000)));
    for (const [i, h] of heralds.entries()) {
      const [, final, samples] = demos[i];
      expect({ offset: h.offset, final: Number(final) }).toEqual({ offset: h.offset, final: Number(samples) });
      expect(Number(samples)).toBeGreaterThanOrEqual(11);
      expect(h.output()).toContain(`Kafka: KAFKA_BROKERS=127.0.0.1:${19092 + h.offset}`);
      expect(h.output()).toContain(`simulator on SMPP 127.0.0.1:${2775 + h.offset}`);
      expect(h.output()).toContain(`api http://127.0.0.1:${3001 + h.offset}`);
      // Each demo went through its own carrier: its own simulator took every message that reached one.
      const carried = h.output().match(/receipt: \w+ \(final\)[^\n]* carrier [A-Z]+/g) ?? [];
      expect(carried.length).toBeGreaterThanOrEqual(9);
      const stats = (await (await fetch(`http://127.0.0.1:${2776 + h.offset}/stats`)).json()) as {
        submits: { total: number };
      };
      expect(stats.submits.total).toBeGreaterThanOrEqual(carried.length);
    }

    // A third one on ports in use is refused at once, with the variable that moves them named.
    const clash = startHerald(OFFSETS[0], ['--no-demo']);
    expect(await clash.exited).toBe(1);
    expect(clash.output()).toMatch(
      /port \d+ \(smsc-simulator SMPP\).* in use: .*set HERALD_PORT_OFFSET to move every port/,
    );

    // Ctrl-C stops each one's processes and the broker it started, and only that.
    for (const h of heralds) {
      expect(await stop(h)).toBe(0);
      expect(h.output()).toContain('stopped.');
      expect(await portOpen(19092 + h.offset)).toBe(false);
    }
  }, 480_000);
});
