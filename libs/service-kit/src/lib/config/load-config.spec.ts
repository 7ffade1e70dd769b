import { IsString } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';
import { ConfigError, loadConfig } from './load-config';
import { RecipientTokenServiceConfig } from './recipient-token.config';

const valid = {
  RECIPIENT_TOKEN_KEY: 'k'.repeat(32),
  PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

class DemoConfig extends BaseServiceConfig {
  @IsString()
  DEMO_REQUIRED: string;
}

describe('loadConfig', () => {
  it('requires RECIPIENT_TOKEN_KEY of the services that tokenize numbers only (templating never sees one)', () => {
    const env = { PII_ENCRYPTION_KEYS: valid.PII_ENCRYPTION_KEYS };
    expect(() => loadConfig(RecipientTokenServiceConfig, env)).toThrow(
      'invalid configuration: RECIPIENT_TOKEN_KEY: is required',
    );
    expect(loadConfig(BaseServiceConfig, env)).not.toHaveProperty('RECIPIENT_TOKEN_KEY');
  });

  it('applies defaults and converts types', () => {
    const c = loadConfig(BaseServiceConfig, { ...valid, HTTP_PORT: '8080', KAFKA_IDEMPOTENT_PRODUCER: 'true' });
    expect(c.HTTP_PORT).toBe(8080);
    expect(c.KAFKA_IDEMPOTENT_PRODUCER).toBe(true);
    expect(c.KAFKA_BROKERS).toBe('127.0.0.1:19092');
  });

  it.each([
    [
      { ...valid, DATABASE_URL: 'mysql:/nope' },
      'invalid configuration: DATABASE_URL: must look like postgres://user@host:5432/dbname',
    ],
    [
      { ...valid, KAFKA_BROKERS: 'localhost' },
      'invalid configuration: KAFKA_BROKERS: must be host:port[,host:port...]',
    ],
    [{ ...valid, HTTP_PORT: 'abc' }, /^invalid configuration: HTTP_PORT: /],
    [
      { ...valid, HTTP_PORT: '3001', MGMT_PORT: '3001' },
      'invalid configuration: MGMT_PORT: must differ from HTTP_PORT (health and metrics get a port of their own)',
    ],
    [{ ...valid, MGMT_HOST: 'not a host' }, /^invalid configuration: MGMT_HOST: /],
  ])('rejects %j with one line naming the key', (env, message) => {
    expect(() => loadConfig(BaseServiceConfig, env)).toThrow(ConfigError);
    expect(() => loadConfig(BaseServiceConfig, env)).toThrow(message);
  });

  it('takes MGMT_PORT apart from HTTP_PORT; 0 for both means two free ports', () => {
    expect(loadConfig(BaseServiceConfig, { ...valid, HTTP_PORT: '3001', MGMT_PORT: '9101' })).toMatchObject({
      HTTP_PORT: 3001,
      MGMT_PORT: 9101,
      MGMT_HOST: undefined,
    });
    expect(loadConfig(BaseServiceConfig, { ...valid, HTTP_PORT: '0', MGMT_PORT: '0' })).toMatchObject({
      HTTP_PORT: 0,
      MGMT_PORT: 0,
    });
  });

  it('names required keys of a subclass', () => {
    expect(() => loadConfig(DemoConfig, valid)).toThrow('invalid configuration: DEMO_REQUIRED: is required');
  });
});
