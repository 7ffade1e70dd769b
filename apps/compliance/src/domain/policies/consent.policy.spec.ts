import { shippedComplianceRules } from '../compliance.fixtures';
import { checkConsent } from './consent.policy';

const rules = shippedComplianceRules();
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('consent', () => {
  const consent = (purpose: string, brand = 'shop', recipientToken = A) => ({ recipientToken, brand, purpose });
  it.each([
    ['transactional needs none', 'transactional', [], undefined],
    ['promotional without consent', 'promotional', [], 'NO_CONSENT'],
    ['promotional with marketing consent', 'promotional', [consent('marketing')], undefined],
    ['consent for another purpose', 'promotional', [consent('analytics')], 'NO_CONSENT'],
    ['consent for another brand', 'promotional', [consent('marketing', 'other')], 'NO_CONSENT'],
    ['consent of another recipient', 'promotional', [consent('marketing', 'shop', B)], 'NO_CONSENT'],
  ] as const)('%s', (_case, category, consents, expected) => {
    expect(
      checkConsent(consents, { recipientToken: A, brand: 'shop', category }, rules.consentPurposes)?.reasonCode,
    ).toBe(expected);
  });
});
