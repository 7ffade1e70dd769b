import { IsOptional, IsString } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';
import { ConfigError, loadConfig } from './load-config';
import { missingSaslKeys } from './sasl-credentials';

const valid = {
  RECIPIENT_TOKEN_KEY: 'k'.repeat(32),
  PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe('missingSaslKeys', () => {
  it('names the credentials a SASL protocol lacks, none without SASL', () => {
    expect(missingSaslKeys('SASL_SSL', {})).toEqual(['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']);
    expect(missingSaslKeys('SASL_PLAINTEXT', { KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: ' ' })).toEqual([
      'KAFKA_SASL_PASSWORD',
    ]);
    expect(missingSaslKeys('SSL', {})).toEqual([]);
    expect(missingSaslKeys(undefined, {})).toEqual([]);
  });
});

describe('SASL configured without credentials', () => {
  it.each([
    [{ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' }, 'KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD'],
    [{ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'herald-dispatch' }, 'KAFKA_SASL_PASSWORD'],
    [
      { KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SASL_USERNAME: '', KAFKA_SASL_PASSWORD: 'p' },
      'KAFKA_SASL_USERNAME',
    ],
    [
      { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'herald-dispatch', KAFKA_SASL_PASSWORD: '   ' },
      'KAFKA_SASL_PASSWORD',
    ],
  ])('%j fails at start with one line naming the missing keys', (env, missing) => {
    const load = () => loadConfig(BaseServiceConfig, { ...valid, ...env });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      `invalid configuration: KAFKA_SECURITY_PROTOCOL: ${env.KAFKA_SECURITY_PROTOCOL} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD; missing: ${missing}`,
    );
    expect(() => load()).not.toThrow(/\n/);
  });

  it("holds for any config class with Kafka security, not only the services' (e.g. the CLI's)", () => {
    class KafkaClientConfig {
      @IsString() KAFKA_SECURITY_PROTOCOL = 'PLAINTEXT';
      @IsOptional() @IsString() KAFKA_SASL_USERNAME?: string;
      @IsOptional() @IsString() KAFKA_SASL_PASSWORD?: string;
    }
    expect(() =>
      loadConfig(KafkaClientConfig, { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'herald-operator' }),
    ).toThrow(
      'invalid configuration: KAFKA_SECURITY_PROTOCOL: SASL_SSL needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD; missing: KAFKA_SASL_PASSWORD',
    );
  });

  it('accepts SASL with both credentials, and credentials without SASL', () => {
    expect(
      loadConfig(BaseServiceConfig, {
        ...valid,
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      }).KAFKA_SASL_USERNAME,
    ).toBe('u');
    expect(loadConfig(BaseServiceConfig, { ...valid, KAFKA_SECURITY_PROTOCOL: 'SSL' }).KAFKA_SECURITY_PROTOCOL).toBe(
      'SSL',
    );
    expect(loadConfig(BaseServiceConfig, valid).KAFKA_SECURITY_PROTOCOL).toBe('PLAINTEXT');
  });
});
