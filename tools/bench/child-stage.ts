// The ceiling's hops and the alternative's stages each run as their own OS process, as Herald's
// services do: one compiled script per process, started here and ready once it prints "ready".
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..', '..');

export function spawnReady(
  script: string,
  args: string[],
  label: string,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 60000,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', path.join(root, 'tools/runtime/register.js'), path.join(__dirname, script), ...args],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr!.on('data', (d) => process.stderr.write(`[${label}] ${d}`));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} not ready after ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      if (String(d).includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code}`));
    });
  });
}

/** SIGTERM to every child, resolved when all have exited (SIGKILL after `graceMs`). */
export async function stopChildren(children: ChildProcess[], graceMs = 15000): Promise<void> {
  await Promise.all(
    children.map((c) => {
      if (c.exitCode !== null || c.signalCode !== null) return undefined;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
      return exited.finally(() => clearTimeout(timer));
    }),
  );
}
