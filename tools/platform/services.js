// The processes of a local Herald: the SMSC simulator first (dispatch binds to it), then the five
// services. Used by `npm start`, the end-to-end suite and the bench.
const fs = require('node:fs');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const SECRETS_FILE = path.join(ROOT, '.platform', 'dev-secrets.json');

// `port` is the public API (the simulator's control API), `mgmtPort` the management listener of a
// service (/health/live, /health/ready, /metrics: MGMT_PORT). The simulator has no separate one: its
// control API is loopback-only and serves /health itself.
const SERVICES = [
  { name: 'smsc-simulator', main: 'dist/apps/smsc-simulator/src/main.js', port: 2776, healthPath: '/health' },
  { name: 'event-ingest', main: 'dist/apps/event-ingest/src/main.js', port: 3001, mgmtPort: 9101 },
  { name: 'templating', main: 'dist/apps/templating/src/main.js', port: 3002, mgmtPort: 9102 },
  { name: 'compliance', main: 'dist/apps/compliance/src/main.js', port: 3003, mgmtPort: 9103 },
  { name: 'dispatch', main: 'dist/apps/dispatch/src/main.js', port: 3004, mgmtPort: 9104 },
  { name: 'receipts', main: 'dist/apps/receipts/src/main.js', port: 3005, mgmtPort: 9105 },
];

/** Keys for a developer machine, made once and kept in .platform/ (never committed). */
function devSecrets() {
  const kept = fs.existsSync(SECRETS_FILE) ? JSON.parse(fs.readFileSync(SECRETS_FILE, 'utf8')) : undefined;
  const fresh = {
    RECIPIENT_TOKEN_KEY: randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
    INGEST_API_KEYS: `dev@*:events:write|notifications:write|admin:dev-${randomBytes(12).toString('hex')}`,
    TEMPLATING_ADMIN_TOKEN: `dev-${randomBytes(12).toString('hex')}`,
    COMPLIANCE_ADMIN_TOKENS: `dev:dev-${randomBytes(12).toString('hex')}`, // + event-ingest:<INGEST_COMPLIANCE_TOKEN>, below
    RECEIPTS_API_KEYS: `dev:dev-${randomBytes(12).toString('hex')}`,
    // Webhook signing secrets of config/sources.v1.json's three development sources (issue 23).
    INGEST_SOURCE_SECRETS: [
      `shopify-dev:shpss_dev_${randomBytes(16).toString('hex')}`,
      `woocommerce-dev:wc_dev_${randomBytes(16).toString('hex')}`,
      `stripe-dev:whsec_dev_${randomBytes(16).toString('hex')}`,
    ].join(','),
    // event-ingest records Shopify's SMS marketing consents at compliance with this admin token.
    INGEST_COMPLIANCE_TOKEN: `dev-ingest-${randomBytes(12).toString('hex')}`,
  };
  // A file from before a key existed gets only the missing keys; the ones it has stay as they are.
  const ingestAdmin = (s) => `event-ingest:${s.INGEST_COMPLIANCE_TOKEN}`;
  if (
    kept !== undefined &&
    Object.keys(fresh).every((k) => k in kept) &&
    kept.COMPLIANCE_ADMIN_TOKENS.split(',').includes(ingestAdmin(kept))
  )
    return kept;
  const secrets = { ...fresh, ...kept };
  if (!secrets.COMPLIANCE_ADMIN_TOKENS.split(',').includes(ingestAdmin(secrets)))
    secrets.COMPLIANCE_ADMIN_TOKENS += `,${ingestAdmin(secrets)}`;
  fs.mkdirSync(path.dirname(SECRETS_FILE), { recursive: true });
  fs.writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Reads KEY=VALUE lines of a .env file if there is one; the real environment wins. */
function dotenv(file = path.join(ROOT, '.env')) {
  if (!fs.existsSync(file)) return {};
  const out = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/** The services with every port moved by `offset` (a second local pipeline beside `npm start`). */
function servicesAt(offset = 0) {
  return SERVICES.map((s) => ({
    ...s,
    port: s.port + offset,
    ...(s.mgmtPort === undefined ? {} : { mgmtPort: s.mgmtPort + offset }),
  }));
}

/** Every port a local pipeline listens on (SMPP, APIs, management), moved by `offset`. */
function portsAt(offset = 0) {
  return [
    2775 + offset,
    ...servicesAt(offset).flatMap((s) => (s.mgmtPort === undefined ? [s.port] : [s.port, s.mgmtPort])),
  ];
}

/** Where a process's readiness is asked: a service's management port, the simulator's control API. */
function healthUrl(svc) {
  return `http://127.0.0.1:${svc.mgmtPort ?? svc.port}${svc.healthPath ?? '/health/ready'}`;
}

/**
 * Node flags of a Herald service: its V8 heap cap, HERALD_HEAP_MB (default 128), and 8 MB semi-spaces
 * (V8's default is 16: a 32 MB young generation). Without a cap V8 grows the heap far past the live
 * set under load (peak RSS 235-337 MB per service in the bench; 146-214 MB with 128 and
 * MALLOC_ARENA_MAX=2). With the semi-spaces at 8 and glibc's mmap and trim thresholds fixed at 128 KB
 * (below: large Buffers, such as fetch responses, go back to the system when freed instead of
 * staying in the arena), the peak went from 171-242 MB to 144-176 MB at the same throughput (bench of
 * 2026-12-06). --no-memory-reducer: once the load stops, V8's memory reducer runs up to three full
 * collections about 8 s apart to shrink a heap that is capped anyway; in the bench's idle phase
 * that was about half of a service's idle CPU (idle max 1.83 -> 0.93% of a core, same throughput). The
 * heap is then given back at its next ordinary collection. Also in the image's entrypoint.
 * Tried and not kept: a 96 MB heap with --single-threaded-gc (peak 145-188 MB, no change in CPU
 * per message); 4 or 6 MB semi-spaces (peak -4 to -23 MB, but 15-25% more CPU per message in
 * dispatch and 30% fewer messages per second). Not the simulator: it keeps every submit in memory for its control
 * API and ran out of a 128 MB heap in the bench.
 */
function nodeFlags(svc, env) {
  if (svc.name === 'smsc-simulator') return [];
  const mb = Number(env.HERALD_HEAP_MB || 128);
  if (!Number.isInteger(mb) || mb < 64)
    throw new Error(`HERALD_HEAP_MB must be an integer >= 64, got "${env.HERALD_HEAP_MB}"`);
  return [`--max-old-space-size=${mb}`, '--max-semi-space-size=8', '--no-memory-reducer'];
}

function spawnService(svc, env, onLine) {
  const child = spawn(
    process.execPath,
    [...nodeFlags(svc, env), '-r', path.join(ROOT, 'tools/runtime/register.js'), path.join(ROOT, svc.main)],
    {
      cwd: ROOT,
      // glibc's default of 8 malloc arenas per core, and its mmap threshold that grows up to 32 MB,
      // hold memory the process no longer uses.
      env: {
        MALLOC_ARENA_MAX: '2',
        MALLOC_MMAP_THRESHOLD_: '131072',
        MALLOC_TRIM_THRESHOLD_: '131072',
        ...env,
        HTTP_PORT: String(svc.port),
        ...(svc.mgmtPort === undefined ? {} : { MGMT_PORT: String(svc.mgmtPort) }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        onLine(svc.name, buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
  }
  return child;
}

async function waitReady(svc, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  const url = healthUrl(svc);
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${svc.name} not ready at ${url} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

module.exports = {
  SERVICES,
  servicesAt,
  portsAt,
  healthUrl,
  devSecrets,
  dotenv,
  nodeFlags,
  spawnService,
  waitReady,
  ROOT,
};
