import { shippedComplianceRules } from '../compliance.fixtures';
import { checkCountry } from './country.policy';

const rules = shippedComplianceRules();

describe('country rules', () => {
  it.each([
    ['FR', undefined],
    ['KP', 'COUNTRY_DENIED'],
    ['IR', 'COUNTRY_DENIED'],
    // Issue 19: a premium destination nobody configured is not reachable by default.
    ['RU', 'COUNTRY_NOT_ALLOWED'],
    ['SN', 'COUNTRY_NOT_ALLOWED'],
  ])('%s -> %s', (country, expected) => expect(checkCountry(country, rules.countries)?.reasonCode).toBe(expected));

  it('applies an allow list when one is set', () => {
    const allowOnly = { ...rules.countries, allow: ['FR', 'BE'] };
    expect(checkCountry('BE', allowOnly)).toBeUndefined();
    expect(checkCountry('DE', allowOnly)).toMatchObject({
      reasonCode: 'COUNTRY_NOT_ALLOWED',
      reason: 'DE is not on the allow list',
    });
  });
});
