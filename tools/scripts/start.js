#!/usr/bin/env node
// `npm start`: install if needed, build, bring up Kafka + PostgreSQL, start the SMSC simulator and the
// five services, wait until each answers /health/ready on its management port (MGMT_PORT), start the
// operator console (apps/console) and print its URL and development login, then stay
// in the foreground. Ctrl-C stops everything this command started. `--no-demo` skips publishing the
// sample events, `--no-build` the build. HERALD_PORT_OFFSET moves every port (a second Herald beside
// this one); LOG_LEVEL=debug also shows the start-up lines the console hides.
const { ensureNodeModules, root } = require('./ensure-deps');
const { runStep } = require('./run-step');
const { createConsoleLog } = require('./console-log');
const { readyBanner } = require('./start-banner');
const { devSecrets, dotenv, healthUrl, servicesAt, spawnService, waitReady } = require('../platform/services');
const { movedPortsEnv, platformDir, portAdvice, portOffset } = require('../platform/port-offset');
const { consoleEnv, consoleSpec, devConsoleOperator } = require('../platform/console');

// Generous: on a busy 2-core machine six Node processes can take over a minute to be ready.
const READY_TIMEOUT_MS = 180_000;
const children = new Map();
const consoleLog = createConsoleLog({ level: process.env.LOG_LEVEL });
let platformStarted = false;
let stopping = false;

function printLine(name, line) {
  const text = consoleLog.format(name, line);
  if (text !== null) console.log(text);
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping services...');
  await Promise.all(
    [...children.values()].map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null) return resolve();
          const t = setTimeout(() => c.kill('SIGKILL'), 20000);
          c.once('exit', () => (clearTimeout(t), resolve()));
          c.kill('SIGTERM');
        }),
    ),
  );
  if (platformStarted) await require('../platform/platform').down();
  console.log('stopped.');
  process.exit(code);
}

/** Refuses to start on a port something else listens on, naming HERALD_PORT_OFFSET. */
async function checkPortsFree(specs, offset, smppPort) {
  const { portOpen } = require('../platform/kafka');
  const wanted = [
    [smppPort, 'smsc-simulator SMPP'],
    ...specs.flatMap((s) => [
      [s.port, s.name],
      ...(s.mgmtPort === undefined ? [] : [[s.mgmtPort, `${s.name} management`]]),
    ]),
  ];
  const busy = [];
  for (const [port, what] of wanted) if (await portOpen(port)) busy.push(`${port} (${what})`);
  if (busy.length > 0)
    throw new Error(
      `port ${busy.join(', ')} in use: another Herald, or \`npm test\` in its end-to-end phase? ${portAdvice(offset)}`,
    );
}

async function main() {
  process.chdir(root);
  ensureNodeModules();
  const offset = portOffset();
  const specs = servicesAt(offset);
  const moved = movedPortsEnv(offset, platformDir());
  await checkPortsFree(specs, offset, Number(moved.SIM_SMPP_PORT ?? 2775));
  if (!process.argv.includes('--no-build')) {
    if (
      !runStep('build', 'npx', ['tsc', '-p', 'tsconfig.build.json']).ok ||
      !runStep('console web build', 'npm', ['run', '--silent', 'build:console']).ok
    )
      process.exit(1);
  }
  const env = await require('../platform/platform').up({ withTopics: true });
  platformStarted = env.startedBroker;
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const sources = { environment: process.env, dotenv: dotenv() };
  const childEnv = {
    ...devSecrets(),
    ...moved,
    ...sources.dotenv,
    ...process.env,
    KAFKA_BROKERS: env.brokers,
    DATABASE_URL: env.databaseUrl,
  };
  for (const svc of specs) {
    const child = spawnService(svc, childEnv, printLine);
    children.set(svc.name, child);
    child.once('exit', (code, signal) => {
      if (!stopping) {
        console.error(`[${svc.name}] exited (${code ?? signal}); stopping everything`);
        void stopAll(1);
      }
    });
  }
  const started = Date.now();
  try {
    await Promise.all(specs.map((s) => waitReady(s, READY_TIMEOUT_MS)));
  } catch (e) {
    const hidden = consoleLog.hiddenStartupLines();
    if (hidden.length > 0) console.error(`start-up warnings and errors the console held back:\n${hidden.join('\n')}`);
    throw e;
  }
  // The operator console once the services it talks to answer; its development login comes from the dev secrets.
  const operatorConsole = consoleSpec(offset);
  const login = devConsoleOperator();
  const consoleChild = spawnService(operatorConsole, { ...login.env, ...childEnv, ...consoleEnv(offset) }, printLine);
  children.set(operatorConsole.name, consoleChild);
  consoleChild.once('exit', (code, signal) => {
    if (!stopping) console.error(`[console] exited (${code ?? signal}); the pipeline keeps running`);
  });
  await waitReady(operatorConsole, READY_TIMEOUT_MS);
  consoleLog.markReady();
  const serviceLine = (s) =>
    `${healthUrl(s)}${s.mgmtPort === undefined ? '' : `  (api http://127.0.0.1:${s.port}, metrics http://127.0.0.1:${s.mgmtPort}/metrics)`}`;
  console.log(
    `\n${readyBanner({ specs, env: childEnv, seconds: (Date.now() - started) / 1000, sources, serviceLine }).join('\n')}`,
  );
  console.log(
    `operator console: http://127.0.0.1:${operatorConsole.port}  sign in as ${login.name} / ${login.password} (${login.role}; CONSOLE_BOOTSTRAP_OPERATOR in .platform/dev-secrets.json)`,
  );
  if (!process.argv.includes('--no-demo')) {
    try {
      await require('./demo').runDemo(childEnv);
    } catch (e) {
      console.error(`demo failed: ${e.message}`);
    }
  }
  console.log('\nCtrl-C stops everything.');
}

main().catch((e) => {
  console.error(e.message);
  void stopAll(1);
});
