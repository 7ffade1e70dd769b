#!/usr/bin/env node
// `npm test`: installs what is missing, checks (tags, lint, types), builds and runs the unit tests
// while Kafka and PostgreSQL come up, then runs the integration project, tears down what it started,
// and prints `N passed, N failed`.
const fs = require('node:fs');
const path = require('node:path');
const { ensureNodeModules, ensureDebianTools, root } = require('./ensure-deps');
const { runStep, runStepQuiet } = require('./run-step');

async function main() {
  process.chdir(root);
  process.env.NX_NO_CLOUD = 'true';
  process.env.NX_DAEMON = 'false';
  ensureNodeModules();
  ensureDebianTools();
  const resultsDir = path.join(root, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const integrationOnly = process.argv.includes('--integration-only');
  const faults = process.argv.includes('--faults');

  // Tags and the project graph first (the boundary lint rule reads Nx's graph: computing it first
  // makes the rule run for real); then lint, typecheck, build and the unit tests side by side (each
  // is mostly one busy core), their output printed as each ends; the integration project after them.
  const checks =
    integrationOnly || faults
      ? []
      : [
          runStep('project tags', 'node', ['tools/scripts/check-project-tags.js']),
          runStep('project graph', 'npx', ['nx', 'show', 'projects']),
        ];
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  const unitFile = path.join(resultsDir, 'jest-unit.json');
  fs.rmSync(unitFile, { force: true });
  const sideBySide =
    integrationOnly || faults
      ? []
      : [
          runStepQuiet('lint', bin('eslint'), ['--max-warnings', '0', 'apps', 'libs', 'tools'], { cwd: root }),
          runStepQuiet('format', bin('prettier'), ['--check', '--log-level', 'warn', '.'], { cwd: root }),
          runStepQuiet('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: root }),
          runStepQuiet(
            'unit tests',
            bin('jest'),
            ['--selectProjects', 'unit', '--ci', '--silent', '--maxWorkers=2', '--json', `--outputFile=${unitFile}`],
            { cwd: root },
          ),
        ];
  process.stdout.write('\n==> build, lint, typecheck and unit tests side by side, while the platform starts\n');
  const platformReady = startPlatform();
  // npm run build: the TypeScript build and the operator console's web app (Vite).
  const [build, ...others] = await Promise.all([
    runStepQuiet('build', 'npm', ['run', '--silent', 'build'], { cwd: root }),
    ...sideBySide,
  ]);
  // The unit run is counted by its tests (from its JSON report), not as a step.
  checks.push(build, ...others.filter((c) => c.label !== 'unit tests'));
  const jestFiles = sideBySide.length > 0 ? [unitFile] : [];

  const { platform, env, error } = await platformReady;
  if (error) {
    console.error(`platform failed to start: ${error.message}`);
    return finish([...checks, { label: 'platform', ok: false }], jestFiles, resultsDir);
  }
  const jestFile = path.join(resultsDir, 'jest.json');
  fs.rmSync(jestFile, { force: true });
  const selection = faults
    ? [
        '--selectProjects',
        'integration',
        '--testPathPatterns',
        'pipeline-e2e/src/(faults|production-faults|poison)\\.e2e-spec',
      ]
    : ['--selectProjects', 'integration'];
  jestFiles.push(jestFile);
  runStep(
    'integration tests',
    'npx',
    ['jest', '--ci', '--runInBand', '--forceExit', '--json', `--outputFile=${jestFile}`, ...selection],
    {
      env: {
        KAFKA_BROKERS: env.brokers,
        DATABASE_URL: env.databaseUrl,
        HERALD_FAULTS_FULL: faults ? '1' : process.env.HERALD_FAULTS_FULL,
      },
    },
  );
  if (env.startedBroker && process.env.HERALD_KEEP_PLATFORM !== '1') await platform.down();
  return finish(checks, jestFiles, resultsDir);
}

/** The broker (started if none runs) and an empty database, with topics; errors are returned, not thrown. */
async function startPlatform() {
  try {
    await avoidBusyPorts();
    const platform = require('../platform/platform');
    await freshTestDatabase();
    return { platform, env: await platform.up({ withTopics: true }) };
  } catch (error) {
    return { error };
  }
}

// A broker or a local `npm start` on the usual ports must not fail the suite: this run takes the first
// free HERALD_PORT_OFFSET, which moves its broker and end-to-end processes together. Chosen before
// anything loads tools/platform/kafka.js or platform.js: they fix their home and env file at load.
async function avoidBusyPorts() {
  if (process.env.HERALD_PORT_OFFSET || process.env.HERALD_E2E_PORT_OFFSET) return;
  const { kafkaPorts, portOpen } = require('../platform/port-offset');
  const { portsAt } = require('../platform/services');
  const ownBroker = !process.env.KAFKA_BROKERS && !process.env.KAFKA_PORT;
  for (const offset of [0, 300, 400, 500]) {
    const broker = ownBroker ? Object.values(kafkaPorts({ ...process.env, HERALD_PORT_OFFSET: String(offset) })) : [];
    const busy = await Promise.all([...portsAt(offset), ...broker].map((p) => portOpen(p)));
    if (busy.some(Boolean)) continue;
    if (offset > 0) console.log(`ports are taken: this run moves them with HERALD_PORT_OFFSET=${offset}`);
    process.env.HERALD_PORT_OFFSET = String(offset);
    return;
  }
}

// Every run starts from an empty database of its own (`herald_test`, `herald_test_<offset>` when
// the ports moved): rows an earlier run, a killed test or a local `npm start` left in `herald`
// (parked or half-sent messages, deferred releases, receipts awaiting a timeout) keep producing
// records and must not decide this run. A DATABASE_URL given by the caller is used as it is.
async function freshTestDatabase() {
  if (process.env.DATABASE_URL) return;
  const pg = require('../platform/postgres');
  const offset = Number(process.env.HERALD_PORT_OFFSET || 0);
  const url = pg.databaseUrlFor(pg.DEFAULT_URL, offset > 0 ? `herald_test_${offset}` : 'herald_test');
  await pg.waitForPostgres(pg.databaseUrlFor(url, 'postgres'), 30_000, { startStopped: true });
  await pg.recreateDatabase(url);
  process.env.DATABASE_URL = url;
}

function finish(checks, jestFiles, resultsDir) {
  let passed = checks.filter((c) => c.ok).length;
  let failed = checks.length - passed;
  for (const file of jestFiles) {
    if (!fs.existsSync(file)) {
      failed += 1;
      continue;
    }
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
  }
  if (jestFiles.length === 0) failed += 1;
  const summary = { passed, failed, checks };
  fs.writeFileSync(path.join(resultsDir, 'test-summary.json'), JSON.stringify(summary, null, 2));
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
