// Runs one command of a script and reports how long it took: `runStep` streams its output (one step
// at a time), `runStepQuiet` keeps it and prints it when the step ends, in full if it failed, so steps
// can run side by side without mixing their output.
const { spawn, spawnSync } = require('node:child_process');

function runStep(label, cmd, args, opts = {}) {
  const started = Date.now();
  process.stdout.write(`\n==> ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...opts.env }, cwd: opts.cwd });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  process.stdout.write(`<== ${label}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${seconds}s\n`);
  return { label, ok, seconds: Number(seconds) };
}

/** `summary` picks the lines shown for a step that passed (all of them when it failed). */
function runStepQuiet(label, cmd, args, opts = {}) {
  const started = Date.now();
  const summary = opts.summary ?? ((line) => /^(Tests|Test Suites|Time):/.test(line));
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, FORCE_COLOR: '0', ...opts.env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code, signal) => {
      const ok = code === 0;
      const seconds = Number(((Date.now() - started) / 1000).toFixed(1));
      const shown = ok ? out.trim().split('\n').filter(summary) : [out.trim()];
      process.stdout.write(
        `<== ${label}: ${ok ? 'ok' : `FAILED (exit ${code ?? signal})`} in ${seconds}s\n${shown
          .filter(Boolean)
          .map((l) => `${l}\n`)
          .join('')}`,
      );
      resolve({ label, ok, seconds });
    });
  });
}

module.exports = { runStep, runStepQuiet };
