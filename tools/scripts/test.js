#!/usr/bin/env node
// `npm test`: installs what is missing, checks (tags, lint, types), builds, brings up Kafka and
// PostgreSQL, runs every Jest project, tears down what it started, and prints `N passed, N failed`.
const fs = require('node:fs');
const path = require('node:path');
const { ensureNodeModules, ensureDebianTools, root } = require('./ensure-deps');
const { runStep } = require('./run-step');

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

  const checks = integrationOnly || faults ? [] : [
    runStep('project tags', 'node', ['tools/scripts/check-project-tags.js']),
    // The boundary lint rule reads Nx's project graph; computing it first makes the rule run for real.
    runStep('project graph', 'npx', ['nx', 'show', 'projects']),
    runStep('lint', 'npx', ['eslint', '--max-warnings', '0', 'apps', 'libs', 'tools']),
    runStep('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']),
  ];
  checks.push(runStep('build', 'npx', ['tsc', '-p', 'tsconfig.build.json']));

  await avoidBusyPorts();
  const platform = require('../platform/platform');
  let env;
  try {
    env = await platform.up({ withTopics: true });
  } catch (e) {
    console.error(`platform failed to start: ${e.message}`);
    return finish(checks, undefined, resultsDir);
  }
  const jestFile = path.join(resultsDir, 'jest.json');
  fs.rmSync(jestFile, { force: true });
  const selection = faults ? ['--selectProjects', 'integration', '--testPathPatterns', 'pipeline-e2e/src/(faults|production-faults|poison)\\.e2e-spec'] : integrationOnly ? ['--selectProjects', 'integration'] : [];
  runStep('jest', 'npx', ['jest', '--ci', '--runInBand', '--forceExit', '--json', `--outputFile=${jestFile}`, ...selection], {
    env: { KAFKA_BROKERS: env.brokers, DATABASE_URL: env.databaseUrl, HERALD_FAULTS_FULL: faults ? '1' : process.env.HERALD_FAULTS_FULL },
  });
  if (env.startedBroker && process.env.HERALD_KEEP_PLATFORM !== '1') await platform.down();
  return finish(checks, jestFile, resultsDir);
}

// A broker or a local `npm start` left running on the default ports must not fail the suite: move
// this run's broker and end-to-end processes to free ports instead.
async function avoidBusyPorts() {
  const { portOpen } = require('../platform/kafka');
  const { portsAt } = require('../platform/services');
  if (!process.env.KAFKA_BROKERS && !process.env.KAFKA_PORT && (await portOpen(19092) || await portOpen(19093))) {
    for (const base of [29092, 39092, 49092]) {
      if (!(await portOpen(base)) && !(await portOpen(base + 1))) {
        Object.assign(process.env, { KAFKA_PORT: String(base), KAFKA_CONTROLLER_PORT: String(base + 1) });
        console.log(`ports 19092/19093 are taken: this run's broker uses ${base}/${base + 1}`);
        break;
      }
    }
  }
  if (!process.env.HERALD_E2E_PORT_OFFSET) {
    for (const offset of [0, 300, 400, 500]) {
      const busy = await Promise.all(portsAt(offset).map((p) => portOpen(p)));
      if (!busy.some(Boolean)) {
        if (offset > 0) console.log(`service ports are taken: the end-to-end pipeline moves them by ${offset}`);
        process.env.HERALD_E2E_PORT_OFFSET = String(offset);
        break;
      }
    }
  }
}

function finish(checks, jestFile, resultsDir) {
  let passed = checks.filter((c) => c.ok).length;
  let failed = checks.length - passed;
  if (jestFile && fs.existsSync(jestFile)) {
    const j = JSON.parse(fs.readFileSync(jestFile, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
  } else {
    failed += 1;
  }
  const summary = { passed, failed, checks };
  fs.writeFileSync(path.join(resultsDir, 'test-summary.json'), JSON.stringify(summary, null, 2));
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
