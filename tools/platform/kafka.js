'use strict';
// Local single-node KRaft broker run from Maven Central jars (no Docker).
// Layout: .platform/kafka/{lib,data,server.properties,kafka.pid,broker.log}
// HERALD_KAFKA_HOME moves everything but the jars (data, pid, properties, log) so a second broker,
// e.g. the one a fault-suite run stops and starts, can run beside the usual one. HERALD_PORT_OFFSET
// moves the default ports and home (.platform/offset-<N>/kafka) the same way.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { kafkaPorts, platformDir, portAdvice, portOffset, portOpen } = require('./port-offset');

const ROOT = path.resolve(__dirname, '..', '..');
const CONF = path.join(__dirname, 'kafka');
const DEFAULT_HOME = path.join(ROOT, '.platform', 'kafka');
const HOME = process.env.HERALD_KAFKA_HOME
  ? path.resolve(process.env.HERALD_KAFKA_HOME)
  : path.join(platformDir(), 'kafka');
const LIB = path.join(DEFAULT_HOME, 'lib');
const [DATA, PID_FILE, LOCK_FILE, LOG_FILE, PROPS] = [
  'data',
  'kafka.pid',
  'start.lock',
  'broker.log',
  'server.properties',
].map((f) => path.join(HOME, f));
const MARKER = path.join(LIB, '.complete');
const LOG4J = `-Dlog4j.configuration=file:${path.join(CONF, 'log4j.properties')}`;
const CP = `${LIB}${path.sep}*`;
const READY_TIMEOUT_MS = 90_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const kafkaVersion = () => process.env.KAFKA_VERSION || '3.9.1';
const defaultPort = () => kafkaPorts().port;
const defaultControllerPort = () => kafkaPorts().controllerPort;

/** Runs a command, collecting output; resolves { code, stdout, stderr, timedOut }. */
function run(cmd, args, { timeoutMs = 0, cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr, timedOut] = ['', '', false];
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer =
      timeoutMs > 0 &&
      setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(e.code === 'ENOENT' ? `${cmd} not found on PATH` : `${cmd}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

function alive(pid) {
  // A zombie still answers kill(0); treat it as gone. No /proc (macOS): rely on kill(0).
  try {
    if (/\)\s+Z\s/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))) return false;
  } catch {
    /* see above */
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Guards against a recycled pid: the process must be kafka.Kafka on our properties file. */
function isOurBroker(pid) {
  if (!pid || !alive(pid)) return false;
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('kafka.Kafka') && cmd.includes(PROPS);
  } catch {
    return !fs.existsSync('/proc/self');
  }
}

const readPid = () => {
  try {
    return Number(fs.readFileSync(PID_FILE, 'utf8').trim()) || null;
  } catch {
    return null;
  }
};
const renderedPort = () => {
  try {
    return Number(/^listeners=PLAINTEXT:\/\/[^:]+:(\d+)/m.exec(fs.readFileSync(PROPS, 'utf8'))[1]);
  } catch {
    return null;
  }
};
const renderedControllerPort = () => {
  try {
    return Number(/^controller\.quorum\.voters=\d+@[^:]+:(\d+)/m.exec(fs.readFileSync(PROPS, 'utf8'))[1]);
  } catch {
    return null;
  }
};

async function ensureJars() {
  const version = kafkaVersion();
  const complete = () => {
    try {
      return fs.readFileSync(MARKER, 'utf8').trim() === version;
    } catch {
      return false;
    }
  };
  if (complete() && fs.existsSync(path.join(LIB, `kafka_2.13-${version}.jar`))) return LIB;
  fs.rmSync(LIB, { recursive: true, force: true }); // never mix jars of two versions
  fs.mkdirSync(LIB, { recursive: true });
  const r = await run('mvn', [
    '-B',
    '-q',
    '-Dstyle.color=never',
    '-f',
    path.join(CONF, 'pom.xml'),
    'org.apache.maven.plugins:maven-dependency-plugin:3.7.1:copy-dependencies',
    `-DoutputDirectory=${LIB}`,
    '-DincludeScope=runtime',
    `-Dkafka.version=${version}`,
  ]);
  if (r.code !== 0) {
    const why = `${r.stdout}\n${r.stderr}`.split('\n').find((l) => l.includes('[ERROR]')) || `exit ${r.code}`;
    throw new Error(`Maven could not fetch the Kafka ${version} jars: ${why.trim()}`);
  }
  fs.writeFileSync(MARKER, `${version}\n`);
  return LIB;
}

async function runKafkaTool(mainClass, args = [], { timeoutMs = 120_000 } = {}) {
  await ensureJars();
  const r = await run('java', ['-Xmx256m', '-XX:TieredStopAtLevel=1', LOG4J, '-cp', CP, mainClass, ...args], {
    timeoutMs,
  });
  if (r.timedOut) throw new Error(`${mainClass} did not finish within ${timeoutMs} ms`);
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

const dockerAvailable = () =>
  run('docker', ['info'], { timeoutMs: 5000 }).then(
    (r) => r.code === 0 && !r.timedOut,
    () => false,
  );

/** True once a kafkajs admin can list topics, i.e. the broker serves metadata requests. */
async function probe(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  const list = String(brokers)
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const admin = new Kafka({
    clientId: 'herald-platform-probe',
    brokers: list,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function waitReady(brokers, pid, timeoutMs = READY_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive(pid)) return failStart(`Kafka broker (pid ${pid}) exited during startup`);
    if (await probe(brokers)) return;
    if (Date.now() > deadline)
      return failStart(`Kafka broker on ${brokers} was not ready within ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

async function failStart(message) {
  try {
    process.stderr.write(
      `--- last 40 lines of ${LOG_FILE} ---\n${fs.readFileSync(LOG_FILE, 'utf8').split('\n').slice(-41).join('\n')}\n`,
    );
  } catch {
    /* no log */
  }
  await stopBroker();
  throw new Error(`${message} (see ${path.relative(ROOT, LOG_FILE)})`);
}

/** Serialises concurrent starts from several processes; a lock whose holder died is stale. */
async function withStartLock(fn) {
  fs.mkdirSync(HOME, { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(LOCK_FILE, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (!alive(Number(fs.readFileSync(LOCK_FILE, 'utf8')))) fs.rmSync(LOCK_FILE, { force: true });
      } catch {
        /* raced */
      }
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_FILE, { force: true });
  }
}

async function startBroker({ port = defaultPort(), controllerPort = defaultControllerPort() } = {}) {
  const brokers = `127.0.0.1:${port}`;
  return withStartLock(async () => {
    const existing = readPid();
    if (isOurBroker(existing)) {
      const running = renderedPort();
      if (running && running !== Number(port))
        throw new Error(
          `a Herald broker (pid ${existing}) already runs on port ${running}; run "node tools/platform/cli.js down" first`,
        );
      await waitReady(brokers, existing); // instant when serving; covers a broker still booting
      return { brokers, pid: existing };
    }
    fs.rmSync(PID_FILE, { force: true });
    for (const p of [port, controllerPort]) {
      if (await portOpen(p))
        throw new Error(
          `port ${p} is in use by a process this repo did not start: set KAFKA_BROKERS to use that broker, or ${portAdvice(portOffset())}`,
        );
    }
    await ensureJars();
    const vars = { KAFKA_PORT: port, KAFKA_CONTROLLER_PORT: controllerPort, LOG_DIRS: DATA };
    const template = fs.readFileSync(path.join(CONF, 'server.properties.template'), 'utf8');
    fs.writeFileSync(
      PROPS,
      template.replace(/\$\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)),
    );
    if (!fs.existsSync(path.join(DATA, 'meta.properties'))) await formatStorage();

    const out = fs.openSync(LOG_FILE, 'a');
    fs.writeSync(out, `\n=== herald platform: starting Kafka ${kafkaVersion()} at ${new Date().toISOString()} ===\n`);
    const child = spawn('java', ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC', LOG4J, '-cp', CP, 'kafka.Kafka', PROPS], {
      cwd: HOME,
      detached: true,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    if (!child.pid) throw new Error('could not start the Kafka broker: java not found on PATH');
    child.on('error', () => {});
    child.unref();
    fs.writeFileSync(PID_FILE, `${child.pid}\n`);
    await waitReady(brokers, child.pid);
    return { brokers, pid: child.pid };
  });
}

async function formatStorage() {
  const id = await runKafkaTool('kafka.tools.StorageTool', ['random-uuid'], { timeoutMs: 60_000 });
  const clusterId = id.stdout.trim().split('\n').pop();
  if (id.code !== 0 || !clusterId)
    throw new Error(`StorageTool random-uuid failed: ${id.stderr.trim().split('\n').pop()}`);
  const f = await runKafkaTool(
    'kafka.tools.StorageTool',
    ['format', '-t', clusterId, '-c', PROPS, '--ignore-formatted'],
    { timeoutMs: 60_000 },
  );
  if (f.code !== 0) throw new Error(`StorageTool format failed: ${`${f.stderr}${f.stdout}`.trim().split('\n').pop()}`);
}

const signalGroup = (pid, sig) => {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* gone */
    }
  }
};

async function waitDead(pid, ms) {
  for (const deadline = Date.now() + ms; alive(pid); await sleep(200)) if (Date.now() > deadline) return false;
  return true;
}

/** Stops the broker this repo started (pid file); resolves true if one was running. */
async function stopBroker() {
  const pid = readPid();
  const running = isOurBroker(pid);
  if (running) {
    signalGroup(pid, 'SIGTERM'); // controlled shutdown
    if (!(await waitDead(pid, 20_000))) {
      signalGroup(pid, 'SIGKILL');
      await waitDead(pid, 10_000);
    }
  }
  fs.rmSync(PID_FILE, { force: true });
  return running;
}

/** The ports the broker of this HOME was last started on, so a restart reuses both. */
const renderedPorts = () => ({
  port: renderedPort() || defaultPort(),
  controllerPort: renderedControllerPort() || defaultControllerPort(),
});

async function restartBroker() {
  const ports = renderedPorts();
  await stopBroker();
  return startBroker(ports);
}

const brokerStatus = () => {
  const pid = readPid();
  return { pid, running: isOurBroker(pid), port: renderedPort(), home: HOME };
};

module.exports = {
  ensureJars,
  startBroker,
  stopBroker,
  restartBroker,
  renderedPorts,
  runKafkaTool,
  dockerAvailable,
  brokerStatus,
  waitReady,
  probe,
  portOpen,
};
