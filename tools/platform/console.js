// The operator console (apps/console) beside a local pipeline: its process spec, the settings it
// needs from the services' (their URLs, admin credentials and /metrics), and its development login.
const fs = require('node:fs');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { ROOT, servicesAt } = require('./services');

const CONSOLE_PORT = 3010;
const SECRETS_FILE = path.join(ROOT, '.platform', 'dev-secrets.json');

/** Spawned with services.js spawnService and awaited with waitReady like a service. */
function consoleSpec(offset = 0) {
  return {
    name: 'console',
    main: 'dist/apps/console/src/main.js',
    port: CONSOLE_PORT + offset,
    healthPath: '/api/health',
  };
}

/** What the console reads besides the shared secrets (DATABASE_URL, KAFKA_BROKERS, the services' keys). */
function consoleEnv(offset = 0) {
  const specs = servicesAt(offset);
  const url = (name) => `http://127.0.0.1:${specs.find((s) => s.name === name).port}`;
  return {
    TEMPLATING_URL: url('templating'),
    COMPLIANCE_URL: url('compliance'),
    RECEIPTS_URL: url('receipts'),
    CONSOLE_METRICS_TARGETS: specs
      .filter((s) => s.mgmtPort !== undefined)
      .map((s) => `${s.name}=http://127.0.0.1:${s.mgmtPort}/metrics`)
      .join(','),
  };
}

/** The development admin login (`name:admin:password`), made once into .platform/dev-secrets.json. */
function devConsoleOperator(file = SECRETS_FILE) {
  const secrets = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  if (!secrets.CONSOLE_BOOTSTRAP_OPERATOR) {
    secrets.CONSOLE_BOOTSTRAP_OPERATOR = `dev-admin:admin:${randomBytes(12).toString('base64url')}`;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  const [name, role, ...password] = secrets.CONSOLE_BOOTSTRAP_OPERATOR.split(':');
  return {
    name,
    role,
    password: password.join(':'),
    env: { CONSOLE_BOOTSTRAP_OPERATOR: secrets.CONSOLE_BOOTSTRAP_OPERATOR },
  };
}

module.exports = { consoleSpec, consoleEnv, devConsoleOperator, CONSOLE_PORT };
