// Fixed keys for tests only: the same on every in-process and spawned service of a test run.
export const TEST_RECIPIENT_TOKEN_KEY = 'test-recipient-token-key-0123456789abcdef';
export const TEST_PII_KEYS = `t1:${Buffer.alloc(32, 7).toString('base64')}`;

/** The environment a service under test gets: the platform the global setup brought up. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const brokers = process.env.KAFKA_BROKERS;
  const databaseUrl = process.env.DATABASE_URL;
  if (!brokers || !databaseUrl)
    throw new Error('KAFKA_BROKERS and DATABASE_URL must be set by the integration global setup');
  return {
    KAFKA_BROKERS: brokers,
    DATABASE_URL: databaseUrl,
    RECIPIENT_TOKEN_KEY: TEST_RECIPIENT_TOKEN_KEY,
    PII_ENCRYPTION_KEYS: TEST_PII_KEYS,
    HTTP_PORT: '0',
    MGMT_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    // No service under test calls another over HTTP unless its test says so (event-ingest -> templating).
    INGEST_REFUSE_UNKNOWN_TEMPLATES: 'false',
    ...overrides,
  };
}
