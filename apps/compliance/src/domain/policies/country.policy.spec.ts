import { shippedComplianceRules } from '../compliance.fixtures';
import { checkCountry } from './country.policy';

const rules = shippedComplianceRules();

describe('country rules', () => {
  it.each([
    ['FR', undefined],
    ['KP', 'COUNTRY_DENIED'],
    ['IR', 'COUNTRY_DENIED'],
  ])('%s -> %s', (country, expected) => expect(checkCountry(country, rules.countries)?.reasonCode).toBe(expected));

  it('applies an allow list when one is set', () => {
    const allowOnly = { ...rules.countries, allow: ['FR', 'BE'] };
    expect(checkCountry('BE', allowOnly)).toBeUndefined();
    expect(checkCountry('DE', allowOnly)?.reason).toMatch(/not on the allow list/);
  });
});
