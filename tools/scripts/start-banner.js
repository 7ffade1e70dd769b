// What `npm start` prints once every process is ready: where each service answers, the development
// API keys, the simulator's control API with an example, and where the docs are.
const path = require('node:path');

/** The key of the first `name[@brands]:scopes:key` entry of INGEST_API_KEYS: its last ':' part. */
function firstKey(entries) {
  const first = String(entries ?? '')
    .split(',')[0]
    .trim();
  return first.includes(':') ? first.slice(first.lastIndexOf(':') + 1) : undefined;
}

/** Where a key came from: the real environment, .env, or the generated dev secrets. */
function origin(key, sources) {
  if (sources.environment[key] !== undefined) return 'from your environment';
  if (sources.dotenv[key] !== undefined) return 'from .env';
  return `in ${path.join('.platform', 'dev-secrets.json')}`;
}

/**
 * The banner's lines. `specs` are the started processes (services.js servicesAt), `env` what they
 * were given, `sources` which of those keys the caller's environment and .env set.
 */
function readyBanner({ specs, env, seconds, sources, serviceLine }) {
  const port = (name) => specs.find((s) => s.name === name).port;
  const ingest = `http://127.0.0.1:${port('event-ingest')}`;
  const sim = `http://127.0.0.1:${port('smsc-simulator')}`;
  const ingestKey = firstKey(env.INGEST_API_KEYS);
  const receiptsKey = firstKey(env.RECEIPTS_API_KEYS);
  const lines = [
    `all five services ready in ${seconds.toFixed(1)}s (simulator on SMPP 127.0.0.1:${env.SIM_SMPP_PORT || 2775})`,
  ];
  for (const s of specs) lines.push(`  ${s.name.padEnd(15)} ${serviceLine(s)}`);
  lines.push('');
  if (ingestKey) {
    lines.push(
      `API key (development): ${ingestKey}  (INGEST_API_KEYS ${origin('INGEST_API_KEYS', sources)}, the part after the last ':')`,
    );
    lines.push(
      `  send with it: POST ${ingest}/v1/notifications or /v1/events, header 'Authorization: Bearer ${ingestKey}' (OpenAPI: ${ingest}/docs); over Kafka: npm run herald -- publish order.placed`,
    );
  }
  if (receiptsKey)
    lines.push(
      `receipts API key: ${receiptsKey}  (RECEIPTS_API_KEYS): curl -s http://127.0.0.1:${port('receipts')}/v1/messages/<id> -H 'X-Api-Key: ${receiptsKey}'`,
    );
  lines.push(`SMSC simulator control API: ${sim}  GET /submits, GET /stats, GET|POST /config, POST /mo, POST /reset`);
  lines.push(
    `  curl -s '${sim}/submits?limit=5'   curl -s -X POST ${sim}/mo -H 'content-type: application/json' -d '{"from":"+33612345678","to":"36100","text":"STOP"}'`,
  );
  lines.push(
    `Kafka: KAFKA_BROKERS=${env.KAFKA_BROKERS}   docs: README.md, docs/receipts.md (receipts topic), docs/operations/runbooks.md, apps/smsc-simulator/README.md`,
  );
  return lines;
}

module.exports = { readyBanner, firstKey };
