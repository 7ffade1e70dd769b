import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface SimProcess {
  host: string;
  smppPort: number;
  httpPort: number;
  stop(): Promise<void>;
}

/** Starts the compiled simulator (../main.js) in its own process on free ports. */
export function startSimulatorProcess(env: Record<string, string>): Promise<SimProcess> {
  const child: ChildProcess = fork(path.join(__dirname, '..', 'main.js'), [], {
    execArgv: ['-r', path.join(__dirname, 'register-aliases.js')],
    env: { ...process.env, SIM_SMPP_PORT: '0', SIM_HTTP_PORT: '0', SIM_HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((l) => l.includes('smsc-simulator.ready'));
      if (line === undefined) return;
      const { smppPort, httpPort } = JSON.parse(line) as { smppPort: number; httpPort: number };
      resolve({
        host: '127.0.0.1',
        smppPort,
        httpPort,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
