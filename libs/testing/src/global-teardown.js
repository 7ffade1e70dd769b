const platform = require('../../../tools/platform/platform');

module.exports = async function globalTeardown() {
  const containers = globalThis.__HERALD_CONTAINERS__;
  if (containers) await Promise.all(containers.map((c) => c.stop()));
  // A broker the test run started is stopped by tools/scripts/test.js, which owns the platform's
  // lifetime; when jest is run by hand against a running broker, it is left alone.
  if (process.env.HERALD_JEST_OWNS_PLATFORM === '1') await platform.down();
};
