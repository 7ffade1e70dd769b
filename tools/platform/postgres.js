'use strict';
// PostgreSQL helpers for the local platform: wait for the server (starting a stopped local cluster),
// create missing databases.
const { spawnSync } = require('node:child_process');
const { Client } = require('pg');

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Parses a postgres URL; a malformed one throws a one-line Error naming DATABASE_URL. */
function parseUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    u = null;
  }
  if (!u || !/^postgres(ql)?:$/.test(u.protocol) || !u.hostname) {
    throw new Error('DATABASE_URL is not a valid postgres://user@host:port/database URL');
  }
  return u;
}

const hostPort = (u) => `${u.hostname}:${u.port || 5432}`;

/** Swaps the database name of a URL, keeping credentials and query parameters. */
function databaseUrlFor(baseUrl, dbName) {
  const u = parseUrl(baseUrl || DEFAULT_URL);
  u.pathname = `/${encodeURIComponent(dbName)}`;
  return u.toString();
}

function databaseNameOf(url) {
  return decodeURIComponent(parseUrl(url).pathname.replace(/^\//, '')) || 'postgres';
}

async function connect(url) {
  const u = parseUrl(url);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return client;
  } catch (e) {
    await client.end().catch(() => {});
    if (e.code && /^[0-9A-Z]{5}$/.test(e.code)) {
      // The server answered (auth, missing database, ...): report its message, it is precise.
      const err = new Error(`PostgreSQL at ${hostPort(u)} refused the connection: ${e.message}`);
      err.code = e.code;
      throw err;
    }
    const err = new Error(`PostgreSQL is not reachable at ${hostPort(u)} (${e.code || e.message})`);
    err.code = 'UNREACHABLE';
    throw err;
  }
}

/**
 * A local Debian cluster (pg_lsclusters) on the URL's port that is down, e.g. left stopped by a fault
 * test that was killed mid-outage, is started with pg_ctlcluster; anything else is left alone.
 * Returns whether it started one.
 */
function startStoppedLocalCluster(url) {
  const u = parseUrl(url);
  if (!['127.0.0.1', 'localhost', '::1'].includes(u.hostname)) return false;
  const list = spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' });
  if (list.status !== 0) return false;
  const port = String(u.port || 5432);
  const cluster = list.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find(([, , p, status]) => p === port && status === 'down');
  if (!cluster) return false;
  const [version, name] = cluster;
  const started = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'start'], {
    encoding: 'utf8',
  });
  if (started.status !== 0) return false;
  process.stderr.write(`PostgreSQL cluster ${version}/${name} on port ${port} was down: started it\n`);
  return true;
}

/**
 * Resolves once the server of `url` accepts connections; throws the last error after timeoutMs.
 * With `startStopped`, a stopped local cluster on its port is started first (`npm test`, `up`).
 */
async function waitForPostgres(url = DEFAULT_URL, timeoutMs = 30_000, { startStopped = false } = {}) {
  const deadline = Date.now() + timeoutMs;
  let triedStart = !startStopped;
  for (;;) {
    try {
      const c = await connect(url);
      await c.end();
      return;
    } catch (e) {
      if (e.code === '3D000') return; // server is up, only the database is missing
      if (e.code === 'UNREACHABLE' && !triedStart) {
        triedStart = true;
        if (startStoppedLocalCluster(url)) continue;
      }
      // Still booting (57P03 cannot_connect_now) or not listening yet: retry; anything else is final.
      const retriable = e.code === 'UNREACHABLE' || e.code === '57P03';
      if (!retriable || Date.now() > deadline) throw e;
      await sleep(500);
    }
  }
}

/** CREATE DATABASE for each missing name on the server of databaseUrl (idempotent, race-safe). */
async function ensureDatabases(databaseUrl = DEFAULT_URL, names = []) {
  const client = await connect(databaseUrlFor(databaseUrl || DEFAULT_URL, 'postgres'));
  const created = [];
  try {
    for (const name of names) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount > 0) continue;
      try {
        await client.query(`CREATE DATABASE "${String(name).replace(/"/g, '""')}"`);
        created.push(name);
      } catch (e) {
        // 42P04 duplicate_database: another process won the race. 23505 is the same
        // race surfacing as a unique violation on pg_database's name index.
        if (e.code !== '42P04' && e.code !== '23505') throw new Error(`CREATE DATABASE ${name} failed: ${e.message}`);
      }
    }
  } finally {
    await client.end().catch(() => {});
  }
  return created;
}

/** Drops `databaseUrl`'s database (closing its sessions) and creates it empty. */
async function recreateDatabase(databaseUrl) {
  const name = String(databaseNameOf(databaseUrl)).replace(/"/g, '""');
  const client = await connect(databaseUrlFor(databaseUrl, 'postgres'));
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end().catch(() => {});
  }
}

module.exports = {
  ensureDatabases,
  recreateDatabase,
  databaseUrlFor,
  databaseNameOf,
  waitForPostgres,
  parseUrl,
  DEFAULT_URL,
};
