// Installs what the test suite needs that is not an npm package: npm packages themselves when
// node_modules is missing or stale, and the Debian tools the tests call (kcat, promtool, openssl).
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '../..');

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function ensureNodeModules() {
  const lock = path.join(root, 'package-lock.json');
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
  if (!stale) return;
  console.log('installing npm packages (npm ci)...');
  let r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  // npm 11 can refuse its own lock file when a dependency lists platform-only optional packages
  // (jest 30's unrs-resolver does); `npm install` honours the same lock and fills the gap.
  if (r.status !== 0) {
    console.log('npm ci refused the lock file; falling back to npm install');
    r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  }
  if (r.status !== 0) throw new Error('npm install failed');
}

function ensureDebianTools(
  tools = {
    kcat: 'kcat',
    promtool: 'prometheus',
    'docker-compose': 'docker-compose',
    openssl: 'openssl',
    chromium: 'chromium',
  },
) {
  const missing = Object.entries(tools)
    .filter(([cmd]) => !has(cmd))
    .map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.warn(`missing ${missing.join(', ')}; install them with apt-get (tests that need them will fail)`);
    return;
  }
  console.log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) console.warn('apt-get install failed; tests that need these tools will fail');
}

module.exports = { ensureNodeModules, ensureDebianTools, root };
