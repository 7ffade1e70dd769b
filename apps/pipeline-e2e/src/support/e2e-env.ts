import path from 'node:path';

export const E2E_INGEST_KEY = 'e2e-ingest-key-0123456789abcdef';
const root = path.resolve(__dirname, '../../../..');

/** Environment of every process of an end-to-end run (on top of the test platform's). */
export function e2eEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    COMPLIANCE_RULES_FILE: path.join(root, 'apps/pipeline-e2e/rules/compliance-rules.e2e.json'),
    INGEST_API_KEYS: `e2e@*:events:write|notifications:write|admin:${E2E_INGEST_KEY}`,
    TEMPLATING_ADMIN_TOKEN: 'e2e-templating-admin-token-0123',
    COMPLIANCE_ADMIN_TOKENS: 'e2e:e2e-compliance-admin-0123',
    RECEIPTS_API_KEYS: 'e2e:e2e-receipts-key-0123456789',
    SIM_DLR_DELAY_MS: '50',
    // A killed service's partitions move after 10 s instead of 30 s: the fault suites kill and
    // restart services several times, and each restart waits for the group to drop the dead member.
    KAFKA_SESSION_TIMEOUT_MS: '10000',
    ...overrides,
  };
}
