import { ConfigError, loadConfig } from '@herald/service-kit';
import { ComplianceConfig } from './compliance.config';

const required = {
  RECIPIENT_TOKEN_KEY: 'k'.repeat(32),
  PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe('ComplianceConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig(ComplianceConfig, required);
    expect(c.HTTP_PORT).toBe(3003);
    expect(c.COMPLIANCE_RULES_FILE).toBe('apps/compliance/rules/compliance-rules.v1.json');
    expect(c.COMPLIANCE_SCHEDULER_INTERVAL_MS).toBe(1000);
    expect(c.COMPLIANCE_ADMIN_TOKENS).toBe('');
  });

  it('reads overrides', () => {
    const c = loadConfig(ComplianceConfig, {
      ...required,
      HTTP_PORT: '8080',
      COMPLIANCE_SCHEDULER_INTERVAL_MS: '250',
      COMPLIANCE_ADMIN_TOKENS: 'alice:0123456789abcdef,bob:fedcba9876543210',
    });
    expect([c.HTTP_PORT, c.COMPLIANCE_SCHEDULER_INTERVAL_MS]).toEqual([8080, 250]);
  });

  it.each([
    [{ COMPLIANCE_ADMIN_TOKENS: 'alice' }, 'invalid configuration: COMPLIANCE_ADMIN_TOKENS: must be name:token'],
    [{ COMPLIANCE_ADMIN_TOKENS: 'alice:short' }, 'invalid configuration: COMPLIANCE_ADMIN_TOKENS: must be name:token'],
    [{ COMPLIANCE_SCHEDULER_INTERVAL_MS: '0' }, 'invalid configuration: COMPLIANCE_SCHEDULER_INTERVAL_MS: '],
  ])('rejects %j with one line', (env, message) => {
    expect(() => loadConfig(ComplianceConfig, { ...required, ...env })).toThrow(ConfigError);
    expect(() => loadConfig(ComplianceConfig, { ...required, ...env })).toThrow(message);
  });
});
