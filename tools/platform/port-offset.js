'use strict';
// HERALD_PORT_OFFSET: one number that moves every port a local Herald uses, so a second one (another
// checkout, or `npm test` beside `npm start`) runs on the same machine. It moves the broker's two
// ports (unless KAFKA_PORT / KAFKA_CONTROLLER_PORT say otherwise), the simulator's SMPP and control
// ports, the five services' HTTP and management ports (services.js servicesAt), and the carriers
// file dispatch reads. A moved Herald also keeps its own state: broker data and env.json under
// .platform/offset-<N>/, and its own database herald_<N> (two Heralds on one database would relay
// and expire each other's messages). HERALD_E2E_PORT_OFFSET is the former name, read when unset.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { servicesAt } = require('./services');

const ROOT = path.resolve(__dirname, '..', '..');
const KAFKA_PORT = 19092;
const KAFKA_CONTROLLER_PORT = 19093;
const SIM_SMPP_PORT = 2775;
const SIM_HTTP_PORT = 2776;
const CARRIERS_FILE = path.join(ROOT, 'apps/dispatch/carriers/carriers.v1.json');
// 19093 + offset must stay a port; Linux's ephemeral range starts at 32768.
const MAX_OFFSET = 13000;

/** The offset of this process's Herald (0 = the usual ports); a bad value throws naming the variable. */
function portOffset(env = process.env) {
  const name =
    env.HERALD_PORT_OFFSET !== undefined && env.HERALD_PORT_OFFSET !== ''
      ? 'HERALD_PORT_OFFSET'
      : 'HERALD_E2E_PORT_OFFSET';
  const raw = env[name];
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > MAX_OFFSET)
    throw new Error(`${name} must be an integer from 0 to ${MAX_OFFSET}, got "${raw}"`);
  return n;
}

/** The local broker's ports for this offset; an explicit KAFKA_PORT / KAFKA_CONTROLLER_PORT wins. */
function kafkaPorts(env = process.env) {
  const offset = portOffset(env);
  return {
    port: Number(env.KAFKA_PORT || KAFKA_PORT + offset),
    controllerPort: Number(env.KAFKA_CONTROLLER_PORT || KAFKA_CONTROLLER_PORT + offset),
  };
}

/** `.platform` for the usual Herald, `.platform/offset-<N>` for a moved one (broker data, env.json). */
function platformDir(env = process.env) {
  const offset = portOffset(env);
  return path.join(ROOT, '.platform', ...(offset === 0 ? [] : [`offset-${offset}`]));
}

/** `herald`, or `herald_<N>` for a moved Herald. */
function databaseName(env = process.env) {
  const offset = portOffset(env);
  return offset === 0 ? 'herald' : `herald_${offset}`;
}

/**
 * A carriers file for dispatch: the shipped one with its SMPP ports moved by `offset` and each
 * carrier patched (e.g. `{ mpsSegments: 1 }` to make dispatch the slow consumer of a test).
 */
function carriersFile(offset, patch = {}, dir = path.join(ROOT, '.platform', `offset-${offset}`)) {
  fs.mkdirSync(dir, { recursive: true });
  const tag = Object.entries(patch)
    .map(([k, v]) => `${k}-${v}`)
    .join('.');
  const file = path.join(dir, `carriers.port-${offset}${tag ? `.${tag}` : ''}.json`);
  const carriers = JSON.parse(fs.readFileSync(CARRIERS_FILE, 'utf8'));
  carriers.carriers = carriers.carriers.map((c) => ({ ...c, port: c.port + offset, ...patch }));
  fs.writeFileSync(file, JSON.stringify(carriers));
  return file;
}

/**
 * What the processes of a moved Herald need beyond HTTP_PORT / MGMT_PORT (which spawnService sets):
 * the simulator's ports, a carriers file pointing dispatch at them (written to `dir`), and the
 * templating URL event-ingest reads template keys from and the compliance URL it records platform consents at.
 */
function movedPortsEnv(offset, dir) {
  if (offset === 0) return {};
  return {
    SIM_SMPP_PORT: String(SIM_SMPP_PORT + offset),
    SIM_HTTP_PORT: String(SIM_HTTP_PORT + offset),
    DISPATCH_CARRIERS_FILE: carriersFile(offset, {}, dir),
    TEMPLATING_URL: `http://127.0.0.1:${servicesAt(offset).find((s) => s.name === 'templating').port}`,
    COMPLIANCE_URL: `http://127.0.0.1:${servicesAt(offset).find((s) => s.name === 'compliance').port}`,
    // Where providers' status callbacks reach this dispatch (docs/carriers.md).
    DISPATCH_PUBLIC_URL: `http://127.0.0.1:${servicesAt(offset).find((s) => s.name === 'dispatch').port}`,
  };
}

/** True when something accepts connections on the port (here, not in kafka.js: choosing an offset must not load kafka.js, which fixes its home at load). */
function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true)).once('error', () => done(false));
  });
}

/** The one-line advice of a port-in-use message. */
function portAdvice(offset) {
  const next = offset + 100;
  const http = servicesAt(next)
    .filter((s) => s.name !== 'smsc-simulator')
    .map((s) => s.port);
  return `set HERALD_PORT_OFFSET to move every port of this Herald (e.g. HERALD_PORT_OFFSET=${next}: Kafka ${KAFKA_PORT + next}, simulator ${SIM_SMPP_PORT + next}/${SIM_HTTP_PORT + next}, services ${Math.min(...http)}-${Math.max(...http)})`;
}

module.exports = {
  portOffset,
  kafkaPorts,
  platformDir,
  databaseName,
  carriersFile,
  movedPortsEnv,
  portAdvice,
  portOpen,
  SIM_SMPP_PORT,
  SIM_HTTP_PORT,
};
