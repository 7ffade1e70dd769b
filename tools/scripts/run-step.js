// Runs one command of a script with its output streamed, and reports how long it took.
const { spawnSync } = require('node:child_process');

function runStep(label, cmd, args, opts = {}) {
  const started = Date.now();
  process.stdout.write(`\n==> ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...opts.env }, cwd: opts.cwd });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  process.stdout.write(`<== ${label}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${seconds}s\n`);
  return { label, ok, seconds: Number(seconds) };
}

module.exports = { runStep };
