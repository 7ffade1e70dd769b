'use strict';
// Container healthcheck: exit 0 when the process's readiness endpoint answers 200.
// The simulator serves /health on SIM_HTTP_PORT; the services /health/ready on their management
// port, MGMT_PORT (set per container like HTTP_PORT; the API port answers 404 for it).
const simulator = process.env.HERALD_SERVICE === 'smsc-simulator';
const port = simulator ? process.env.SIM_HTTP_PORT || '2776' : process.env.MGMT_PORT;
const url = `http://127.0.0.1:${port}${simulator ? '/health' : '/health/ready'}`;
fetch(url, { signal: AbortSignal.timeout(2000) }).then(
  (res) => process.exit(res.status === 200 ? 0 : 1),
  () => process.exit(1),
);
