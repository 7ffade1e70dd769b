#!/usr/bin/env node
// `npm run test:fast`: everything that needs no broker and no database (project tags, lint, format, types,
// unit tests), in about a minute and a half on 2 cores. Lint, typecheck and the unit tests run side by
// side (each is mostly one busy core); a step's output is printed when it ends, in full if it failed.
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureNodeModules, root } = require('./ensure-deps');
const { runStepQuiet } = require('./run-step');

const step = (label, cmd, args) =>
  runStepQuiet(label, cmd, args, { cwd: root, env: { NX_NO_CLOUD: 'true', NX_DAEMON: 'false' } });

async function main() {
  ensureNodeModules();
  const started = Date.now();
  const steps = [];
  // The boundary lint rule reads Nx's project graph: computing it first makes the rule run for real.
  for (const [label, args] of [
    ['project tags', ['tools/scripts/check-project-tags.js']],
    ['project graph', [path.join(root, 'node_modules', '.bin', 'nx'), 'show', 'projects']],
  ]) {
    const r = spawnSync(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
    });
    steps.push({ label, ok: r.status === 0 });
    if (r.status !== 0) process.stdout.write(`<== ${label}: FAILED (exit ${r.status})\n`);
  }
  process.stdout.write('==> lint, typecheck and unit tests, side by side\n');
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  steps.push(
    ...(await Promise.all([
      step('lint', bin('eslint'), ['--max-warnings', '0', 'apps', 'libs', 'tools']),
      step('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']),
      step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']),
      step('unit', bin('jest'), ['--selectProjects', 'unit', '--ci', '--silent', '--maxWorkers=2']),
    ])),
  );
  const failed = steps.filter((s) => !s.ok).map((s) => s.label);
  process.stdout.write(
    `\ntest:fast ${failed.length === 0 ? 'passed' : `FAILED: ${failed.join(', ')}`} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
  );
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
