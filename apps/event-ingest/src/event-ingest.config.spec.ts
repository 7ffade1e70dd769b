import { DomainTopics } from '@herald/contracts';
import { loadConfig } from '@herald/service-kit';
import { EventIngestConfig, configuredTopics, maxEventAgeOf } from './event-ingest.config';

const required = {
  RECIPIENT_TOKEN_KEY: 'r'.repeat(32),
  PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe('EventIngestConfig', () => {
  it('defaults to port 3001, every domain topic and the shipped rules file', () => {
    const config = loadConfig(EventIngestConfig, required);
    expect(config).toMatchObject({
      HTTP_PORT: 3001,
      INGEST_CONSUME_ENABLED: true,
      INGEST_RULES_FILE: 'apps/event-ingest/rules/notification-rules.v1.json',
      INGEST_DEFAULT_LOCALE: 'en',
      INGEST_MAX_BODY_BYTES: 65536,
      INGEST_IDEMPOTENCY_TTL_HOURS: 24,
    });
    expect(config.INGEST_DEFAULT_REGION).toBeUndefined();
    expect(configuredTopics(config)).toEqual([...DomainTopics]);
  });

  it('limits event age per category: OTP 10 min, security 1 h, transactional 24 h, promotional 12 h unless configured', () => {
    expect(maxEventAgeOf(loadConfig(EventIngestConfig, required))).toEqual({
      otp: 600,
      security: 3600,
      transactional: 86400,
      promotional: 43200,
    });
    expect(maxEventAgeOf(loadConfig(EventIngestConfig, { ...required, INGEST_MAX_AGE_OTP_SECONDS: '120' })).otp).toBe(
      120,
    );
  });

  it('refuses unknown templates by default, reading the keys from the local templating', () => {
    expect(loadConfig(EventIngestConfig, required)).toMatchObject({
      INGEST_REFUSE_UNKNOWN_TEMPLATES: true,
      TEMPLATING_URL: 'http://127.0.0.1:3002',
      INGEST_TEMPLATE_KEYS_REFRESH_MS: 30000,
    });
    expect(
      loadConfig(EventIngestConfig, { ...required, INGEST_REFUSE_UNKNOWN_TEMPLATES: 'false' })
        .INGEST_REFUSE_UNKNOWN_TEMPLATES,
    ).toBe(false);
    expect(
      loadConfig(EventIngestConfig, { ...required, TEMPLATING_URL: 'http://templating:3002' }).TEMPLATING_URL,
    ).toBe('http://templating:3002');
  });

  it('reads a topic subset with spaces and booleans and numbers from text', () => {
    const config = loadConfig(EventIngestConfig, {
      ...required,
      INGEST_TOPICS: 'order.placed, auth.otp_requested',
      INGEST_CONSUME_ENABLED: 'false',
      INGEST_MAX_BODY_BYTES: '2048',
    });
    expect([configuredTopics(config), config.INGEST_CONSUME_ENABLED, config.INGEST_MAX_BODY_BYTES]).toEqual([
      ['order.placed', 'auth.otp_requested'],
      false,
      2048,
    ]);
  });

  it.each([
    [{ INGEST_TOPICS: 'order.placed,sms.requested.v1' }, /INGEST_TOPICS: must be a comma-separated list of/],
    [{ INGEST_DEFAULT_REGION: 'fr' }, /INGEST_DEFAULT_REGION: must be an ISO 3166-1 alpha-2 code/],
    [{ INGEST_DEFAULT_LOCALE: 'fr_FR' }, /INGEST_DEFAULT_LOCALE: must be a BCP-47 locale/],
    [{ INGEST_MAX_BODY_BYTES: '10' }, /INGEST_MAX_BODY_BYTES/],
    [{ INGEST_MAX_AGE_OTP_SECONDS: '0' }, /INGEST_MAX_AGE_OTP_SECONDS/],
    [{ INGEST_MAX_AGE_PROMOTIONAL_SECONDS: '604801' }, /INGEST_MAX_AGE_PROMOTIONAL_SECONDS/],
    [{ TEMPLATING_URL: 'templating:3002' }, /TEMPLATING_URL: must be an http\(s\) URL like http:\/\/templating:3002/],
    [{ INGEST_TEMPLATE_KEYS_REFRESH_MS: '10' }, /INGEST_TEMPLATE_KEYS_REFRESH_MS/],
  ])('refuses %j in one line', (env, message) => {
    expect(() => loadConfig(EventIngestConfig, { ...required, ...env })).toThrow(message);
  });
});
