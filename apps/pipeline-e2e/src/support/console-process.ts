import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { testEnv } from '@herald/testing';
import { e2eEnv } from './e2e-env';
import type { ServiceSpec } from './pipeline';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require('@herald/platform/services.js') as {
  spawnService(
    svc: ServiceSpec,
    env: Record<string, string>,
    onLine: (name: string, line: string) => void,
  ): ChildProcess;
  waitReady(svc: ServiceSpec, timeoutMs?: number): Promise<void>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const platformConsole = require('@herald/platform/console.js') as {
  consoleSpec(offset: number): ServiceSpec;
  consoleEnv(offset: number): Record<string, string>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ports = require('@herald/platform/port-offset.js') as {
  movedPortsEnv(offset: number, dir: string): Record<string, string>;
};

/** The operator console (dist/apps/console) as its own process beside a Pipeline, as `npm start` runs it. */
export class ConsoleProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly log: fs.WriteStream,
  ) {}

  static async start(offset: number, logDir: string, env: Record<string, string>): Promise<ConsoleProcess> {
    const spec = platformConsole.consoleSpec(offset);
    fs.mkdirSync(logDir, { recursive: true });
    const log = fs.createWriteStream(path.join(logDir, 'console.log'), { flags: 'w' });
    const childEnv = {
      ...(process.env as Record<string, string>),
      ...testEnv(),
      LOG_LEVEL: 'info',
      ...ports.movedPortsEnv(offset, logDir),
      ...e2eEnv(),
      ...platformConsole.consoleEnv(offset),
      ...env,
    };
    const child = services.spawnService(spec, childEnv, (_n, line) => log.write(`${line}\n`));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`console exited with ${code}; see ${logDir}/console.log`))),
    );
    await Promise.race([services.waitReady(spec, 60_000), exited]);
    return new ConsoleProcess(child, `http://127.0.0.1:${spec.port}`, log);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    await new Promise((r) => this.log.end(r));
  }
}
