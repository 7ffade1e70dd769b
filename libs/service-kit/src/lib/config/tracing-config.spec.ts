import { BaseServiceConfig } from './base-service.config';
import { loadConfig } from './load-config';

const valid = {
  RECIPIENT_TOKEN_KEY: 'k'.repeat(32),
  PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe('OTEL_* keys of every service config', () => {
  it('accepts the standard values', () => {
    const config = loadConfig(BaseServiceConfig, {
      ...valid,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.01',
    });
    expect(config.OTEL_TRACES_SAMPLER_ARG).toBe(0.01);
  });

  it.each([
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' },
      'invalid configuration: OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL such as http://otel-collector:4318',
    ],
    [
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector/v1/traces' },
      /^invalid configuration: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: /,
    ],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, /^invalid configuration: OTEL_EXPORTER_OTLP_PROTOCOL: /],
    [{ OTEL_TRACES_SAMPLER: 'sometimes' }, /^invalid configuration: OTEL_TRACES_SAMPLER: /],
    [{ OTEL_TRACES_SAMPLER_ARG: '1.5' }, /^invalid configuration: OTEL_TRACES_SAMPLER_ARG: /],
    [{ OTEL_TRACES_SAMPLER_ARG: 'half' }, /^invalid configuration: OTEL_TRACES_SAMPLER_ARG: /],
  ])('rejects %j with one line naming the key', (env, message) => {
    expect(() => loadConfig(BaseServiceConfig, { ...valid, ...env })).toThrow(message);
  });
});
