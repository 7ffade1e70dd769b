// Preloaded into every Herald service of a bench run (NODE_OPTIONS=--require ..., like
// cpu-profile.preload): counts PostgreSQL round trips as the client makes them. node-postgres
// sends each Client#query as one exchange (a simple query, or parse/bind/execute/sync in one
// flush), and BEGIN/COMMIT are queries of their own, so calls = round trips. The server cannot
// count them without pg_stat_statements, which needs shared_preload_libraries (a restart).
// On SIGUSR2 the count so far goes to <BENCH_PG_COUNT_DIR>/<service>.<pid>.json.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.BENCH_PG_COUNT_DIR;
const service = /apps\/([^/]+)\/src\/main\.js$/.exec(process.argv[1] ?? '')?.[1];
if (dir && service && service !== 'smsc-simulator') {
  let queries = 0;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    queries += 1;
    return original.apply(this, args);
  };
  process.on('SIGUSR2', () => {
    const file = path.join(dir, `${service}.${process.pid}.json`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ service, pid: process.pid, queries, at: Date.now() }));
    fs.renameSync(`${file}.tmp`, file);
  });
}
