import { loadConsoleConfig } from './console.config';

const base = {
  DATABASE_URL: 'postgres://x/y',
  KAFKA_BROKERS: 'a:1,b:2',
  RECIPIENT_TOKEN_KEY: 'k'.repeat(32),
  PII_ENCRYPTION_KEYS: 'k1:abc',
  TEMPLATING_URL: 'http://t',
  TEMPLATING_ADMIN_TOKEN: 'tt',
  COMPLIANCE_URL: 'http://c',
  COMPLIANCE_ADMIN_TOKENS: 'console:ct,other:x',
  RECEIPTS_URL: 'http://r',
  RECEIPTS_API_KEYS: 'console:rk',
};

describe('console config', () => {
  it('takes the first compliance and receipts credential, the targets, and the services as lag groups', () => {
    const c = loadConsoleConfig(
      {
        ...base,
        CONSOLE_METRICS_TARGETS: 'dispatch=http://d/metrics,receipts=http://r/metrics',
        CONSOLE_BOOTSTRAP_OPERATOR: 'dev:admin:pa:ss',
      },
      '/web',
    );
    expect(c.compliance.token).toBe('ct');
    expect(c.receipts.key).toBe('rk');
    expect(c.kafkaBrokers).toEqual(['a:1', 'b:2']);
    expect(c.metricsTargets).toEqual({ dispatch: 'http://d/metrics', receipts: 'http://r/metrics' });
    expect(c.lagGroups).toEqual(['dispatch', 'receipts']);
    expect(c.bootstrapOperator).toEqual({ name: 'dev', role: 'admin', password: 'pa:ss' });
  });

  it('lists CONSOLE_LAG_GROUPS when given, every group when nothing names them', () => {
    expect(
      loadConsoleConfig({ ...base, CONSOLE_LAG_GROUPS: 'g1,g2', CONSOLE_METRICS_TARGETS: 'x=http://x' }, '/web')
        .lagGroups,
    ).toEqual(['g1', 'g2']);
    expect(loadConsoleConfig(base, '/web').lagGroups).toBeUndefined();
  });

  it('refuses to start without a service credential or with a too short sample interval', () => {
    const { TEMPLATING_ADMIN_TOKEN: _t, ...noToken } = base;
    expect(() => loadConsoleConfig(noToken, '/web')).toThrow(/TEMPLATING_ADMIN_TOKEN is required/);
    expect(() => loadConsoleConfig({ ...base, CONSOLE_SAMPLE_MS: '5' }, '/web')).toThrow(/CONSOLE_SAMPLE_MS/);
  });
});
