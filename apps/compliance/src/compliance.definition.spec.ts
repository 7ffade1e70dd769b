import { complianceDefinition, complianceService } from './compliance.definition';

describe('complianceService', () => {
  it('runs as consumer group "compliance" with schema "compliance"', () => {
    expect(complianceService.service).toBe('compliance');
    expect(complianceService.database?.schema).toBe('compliance');
  });

  it('stops the start with one line when the rules file is missing', () => {
    const def = complianceDefinition('compliance');
    const config = Object.assign(new def.config(), {
      COMPLIANCE_RULES_FILE: '/nonexistent/rules.json',
      PII_ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}`,
    });
    const runtime = {} as Parameters<typeof def.module>[1];
    expect(() => def.module(config, runtime)).toThrow(
      'invalid configuration: COMPLIANCE_RULES_FILE: cannot read /nonexistent/rules.json: ENOENT',
    );
  });
});
