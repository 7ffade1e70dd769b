#!/usr/bin/env node
// `npm run bench [-- <name>]`: installs and builds what is missing, then runs the compiled bench.
const path = require('node:path');
const { ensureNodeModules, root } = require('./ensure-deps');
const { runStep } = require('./run-step');

ensureNodeModules();
const build = runStep('build', 'npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
if (!build.ok) process.exit(1);
const r = runStep(
  'bench',
  process.execPath,
  [
    '-r',
    path.join(root, 'tools/runtime/register.js'),
    path.join(root, 'dist/tools/bench/main.js'),
    ...process.argv.slice(2),
  ],
  { cwd: root },
);
process.exit(r.ok ? 0 : 1);
