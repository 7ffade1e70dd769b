// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readyBanner, firstKey } = require('./start-banner.js') as {
  firstKey(entries: string | undefined): string | undefined;
  readyBanner(args: {
    specs: Array<{ name: string; port: number }>;
    env: Record<string, string>;
    seconds: number;
    sources: { environment: Record<string, string>; dotenv: Record<string, string> };
    serviceLine(spec: { name: string; port: number }): string;
  }): string[];
};

const specs = [
  { name: 'smsc-simulator', port: 3676 },
  { name: 'event-ingest', port: 3901 },
  { name: 'templating', port: 3902 },
  { name: 'compliance', port: 3903 },
  { name: 'dispatch', port: 3904 },
  { name: 'receipts', port: 3905 },
];
const env = {
  INGEST_API_KEYS: 'dev@*:events:write|notifications:write|admin:dev-0a1b2c',
  RECEIPTS_API_KEYS: 'dev:dev-r3c3',
  KAFKA_BROKERS: '127.0.0.1:19992',
  SIM_SMPP_PORT: '3675',
};
const banner = (sources = { environment: {}, dotenv: {} }) =>
  readyBanner({ specs, env, seconds: 12.34, sources, serviceLine: (s) => `http://127.0.0.1:${s.port}` }).join('\n');

describe('npm start ready banner', () => {
  it('takes the key of an INGEST_API_KEYS entry after its last colon', () => {
    expect(firstKey('dev@*:events:write|admin:dev-0a1b2c,other:admin:k2')).toBe('dev-0a1b2c');
    expect(firstKey('')).toBeUndefined();
  });

  it('prints the development API key and where it is kept', () => {
    expect(banner()).toContain(
      "API key (development): dev-0a1b2c  (INGEST_API_KEYS in .platform/dev-secrets.json, the part after the last ':')",
    );
    expect(banner({ environment: {}, dotenv: { INGEST_API_KEYS: 'x' } })).toContain('(INGEST_API_KEYS from .env,');
    expect(banner()).toContain("header 'Authorization: Bearer dev-0a1b2c'");
    expect(banner()).toContain("curl -s http://127.0.0.1:3905/v1/messages/<id> -H 'X-Api-Key: dev-r3c3'");
  });

  it('prints the simulator control API on its moved port with examples, the brokers and the docs', () => {
    const text = banner();
    expect(text).toContain('all five services ready in 12.3s (simulator on SMPP 127.0.0.1:3675)');
    expect(text).toContain(
      'SMSC simulator control API: http://127.0.0.1:3676  GET /submits, GET /stats, GET|POST /config, POST /mo, POST /reset',
    );
    expect(text).toContain("curl -s 'http://127.0.0.1:3676/submits?limit=5'");
    expect(text).toContain('Kafka: KAFKA_BROKERS=127.0.0.1:19992');
    expect(text).toContain('docs: README.md');
  });
});
