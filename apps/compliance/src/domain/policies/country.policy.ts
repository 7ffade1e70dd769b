import type { ComplianceRules } from '../rules/compliance-rules';
import { suppress, type Suppression } from '../decision';

export function checkCountry(country: string, rules: ComplianceRules['countries']): Suppression | undefined {
  if (rules.deny.includes(country)) return suppress('COUNTRY_DENIED', `${country} is on the deny list`);
  if (rules.allow !== null && !rules.allow.includes(country))
    return suppress('COUNTRY_NOT_ALLOWED', `${country} is not on the allow list`);
  return undefined;
}
