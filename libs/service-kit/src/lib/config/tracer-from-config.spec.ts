import { Tracer, createLogger } from '@herald/observability';
import { BaseServiceConfig } from './base-service.config';
import { loadConfig } from './load-config';
import { tracerFromConfig } from './tracer-from-config';

const valid = {
  RECIPIENT_TOKEN_KEY: 'k'.repeat(32),
  PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};
const logger = createLogger('test', 'silent');

describe('tracerFromConfig', () => {
  it('is off unless OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
    expect(tracerFromConfig('svc', loadConfig(BaseServiceConfig, valid), logger)).toBeUndefined();
    expect(tracerFromConfig('svc', loadConfig(BaseServiceConfig, { ...valid, OTEL_EXPORTER_OTLP_ENDPOINT: '' }), logger)).toBeUndefined();
  });

  it('exports every trace by default and the configured share otherwise', async () => {
    const all = tracerFromConfig('svc', loadConfig(BaseServiceConfig, { ...valid, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318' }), logger);
    const none = tracerFromConfig('svc', loadConfig(BaseServiceConfig, { ...valid, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/', OTEL_TRACES_SAMPLER_ARG: '0' }), logger);
    expect(all).toBeInstanceOf(Tracer);
    expect(all?.isSampled('0'.repeat(32))).toBe(true);
    expect(none?.isSampled('f'.repeat(32))).toBe(false);
    await Promise.all([all?.onApplicationShutdown(), none?.onApplicationShutdown()]);
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' }, 'invalid configuration: OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL such as http://otel-collector:4318'],
    [{ OTEL_TRACES_SAMPLER_ARG: '1.5' }, /^invalid configuration: OTEL_TRACES_SAMPLER_ARG: /],
    [{ OTEL_TRACES_SAMPLER_ARG: 'half' }, /^invalid configuration: OTEL_TRACES_SAMPLER_ARG: /],
  ])('rejects %j with one line naming the key', (env, message) => {
    expect(() => loadConfig(BaseServiceConfig, { ...valid, ...env })).toThrow(message);
  });
});
