import shipped from '../../../rules/compliance-rules.v1.json';
import { parseRules } from './parse-rules';

const base = () => structuredClone(shipped) as Record<string, unknown> & typeof shipped;
const errorsOf = (json: unknown) => {
  const r = parseRules(json);
  return r.ok ? [] : r.errors;
};

describe('compliance rules file', () => {
  it('accepts the shipped rules file', () => {
    expect(errorsOf(base())).toEqual([]);
  });

  it.each([
    ['not an object', () => [], '$: must be an object'],
    ['wrong version', () => ({ ...base(), version: 2 }), 'version: must be 1'],
    ['typo in a key', () => ({ ...base(), quietHour: [] }), 'quietHour: unknown key'],
    [
      'unknown zone',
      () => ({ ...base(), defaultTimezone: 'Europe/Pariss' }),
      'defaultTimezone: unknown IANA time zone "Europe/Pariss"',
    ],
    [
      'bad window time',
      () => ({
        ...base(),
        quietHours: [{ countries: ['*'], categories: ['transactional'], window: { start: '9pm', end: '08:00' } }],
      }),
      'quietHours[0].window.start: must be HH:MM (24 h)',
    ],
    [
      'empty window',
      () => ({
        ...base(),
        quietHours: [{ countries: ['*'], categories: ['transactional'], window: { start: '08:00', end: '08:00' } }],
      }),
      'quietHours[0].window: start and end are equal',
    ],
    [
      'otp in quiet hours',
      () => ({
        ...base(),
        quietHours: [{ countries: ['*'], categories: ['otp'], window: { start: '21:00', end: '08:00' } }],
      }),
      'quietHours[0].categories: otp messages are never deferred',
    ],
    [
      'security in quiet hours',
      () => ({ ...base(), quietHours: [{ countries: ['FR'], categories: ['security'], window: null }] }),
      'quietHours[0].categories: security messages are never deferred',
    ],
    [
      'unknown category',
      () => ({ ...base(), frequencyCaps: [{ name: 'x', categories: ['marketing'], limit: 1, windowSeconds: 60 }] }),
      'frequencyCaps[0].categories[0]: must be one of otp, security, transactional, promotional',
    ],
    [
      'zero limit',
      () => ({ ...base(), frequencyCaps: [{ name: 'x', categories: ['otp'], limit: 0, windowSeconds: 60 }] }),
      'frequencyCaps[0].limit: must be an integer from 1 to 1000',
    ],
    [
      'duplicate cap name',
      () => ({ ...base(), frequencyCaps: [shipped.frequencyCaps[0], shipped.frequencyCaps[0]] }),
      'frequencyCaps[1].name: duplicate cap name',
    ],
    [
      'lowercase country',
      () => ({ ...base(), countries: { ...shipped.countries, deny: ['kp'] } }),
      'countries.deny[0]: must be ISO 3166-1 alpha-2 codes like FR',
    ],
    [
      'alphanumeric sender for the US',
      () => ({ ...base(), senderProfiles: { p: { byCountry: { US: 'Herald' } } } }),
      'senderProfiles.p.byCountry.US: US accepts only numeric senders',
    ],
    [
      'sender id too long',
      () => ({ ...base(), senderProfiles: { p: { alphanumeric: 'TwelveLetter' } } }),
      'senderProfiles.p.alphanumeric: must be 1-11 letters/digits',
    ],
    [
      'profile without a sender',
      () => ({ ...base(), senderProfiles: { p: {} } }),
      'senderProfiles.p: needs alphanumeric or byCountry',
    ],
    [
      'consent for an unknown category',
      () => ({ ...base(), consent: { requiredFor: { marketing: { purposes: ['x'] } } } }),
      'consent.requiredFor.marketing: must be one of',
    ],
    ['quiet hours not an array', () => ({ ...base(), quietHours: {} }), 'quietHours: must be an array'],
    [
      'quiet hours rule not an object',
      () => ({ ...base(), quietHours: ['21:00-08:00'] }),
      'quietHours[0]: must be an object',
    ],
    [
      'countries not strings',
      () => ({ ...base(), countries: { ...shipped.countries, deny: 'KP' } }),
      'countries.deny: must be an array',
    ],
    [
      'no categories',
      () => ({ ...base(), frequencyCaps: [{ name: 'x', categories: [], limit: 1, windowSeconds: 60 }] }),
      'frequencyCaps[0].categories: must name at least one category',
    ],
    [
      'cap name with spaces',
      () => ({ ...base(), frequencyCaps: [{ name: 'my cap', categories: ['otp'], limit: 1, windowSeconds: 60 }] }),
      'frequencyCaps[0].name: must match',
    ],
    [
      'consent without purposes',
      () => ({ ...base(), consent: { requiredFor: { promotional: { purposes: [] } } } }),
      'consent.requiredFor.promotional.purposes: must name at least one purpose',
    ],
    [
      'sender country key not ISO2',
      () => ({ ...base(), senderProfiles: { p: { byCountry: { usa: '+12025550143' } } } }),
      'senderProfiles.p.byCountry.usa: key must be an ISO2 country code',
    ],
    [
      'sender neither alphanumeric nor a number',
      () => ({ ...base(), senderProfiles: { p: { byCountry: { FR: '+33 6 12' } } } }),
      'senderProfiles.p.byCountry.FR: must be an alphanumeric sender id or a number',
    ],
    [
      'empty sender',
      () => ({ ...base(), senderProfiles: { p: { alphanumeric: '' } } }),
      'senderProfiles.p.alphanumeric: must be a non-empty string',
    ],
    ['brand not an object', () => ({ ...base(), brands: { b: 'x' } }), 'brands.b: must be an object'],
    [
      'entity id not digits',
      () => ({ ...base(), brands: { b: { dltEntityId: 'abc' } } }),
      'brands.b.dltEntityId: must be the digits of the DLT entity id',
    ],
    [
      'the old exempt prefixes (issue 19)',
      () => ({ ...base(), optOut: { exemptTemplatePrefixes: ['system.'] } }),
      'optOut.exemptTemplatePrefixes',
    ],
    [
      'a stop confirmation that is not a template key',
      () => ({ ...base(), optOut: { stopConfirmationTemplate: 'System Stop!' } }),
      'optOut.stopConfirmationTemplate: must be a template key',
    ],
  ])('rejects %s', (_case, build, expected) => {
    const errors = errorsOf(build());
    expect(errors.some((e) => e.startsWith(expected))).toBe(true);
  });

  it('reads windows into minutes and the stop confirmation template', () => {
    const r = parseRules(base());
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.rules.quietHours[0].window).toEqual({ startMinute: 21 * 60, endMinute: 8 * 60 });
    expect(r.rules.stopConfirmationTemplate).toBe('system.stop_confirmation');
    expect(r.rules.consentPurposes).toEqual({ promotional: ['marketing'] });
    // Issue 19: the shipped rules send only to the countries they serve.
    expect(r.rules.countries.allow).toEqual(expect.arrayContaining(['FR', 'GB', 'US', 'IN']));
    expect(r.rules.countries.allow).not.toContain('RU');
    expect(r.rules.pumping.prefixDigits).toBe(7);
    expect(r.rules.pumping.velocity.find((v) => v.categories.includes('otp') && v.scope === 'prefix')?.mode).toBe(
      'block',
    );
  });

  it('checks the pumping section', () => {
    const bad = {
      ...base(),
      pumping: {
        prefixDigits: 2,
        velocity: [{ name: 'x', scope: 'area', categories: ['otp'], limit: 0, windowSeconds: 60, mode: 'stop' }],
      },
    };
    expect(errorsOf(bad)).toEqual(
      expect.arrayContaining([
        'pumping.prefixDigits: must be an integer from 4 to 12',
        'pumping.velocity[0].scope: must be one of country, prefix (got "area")',
        'pumping.velocity[0].limit: must be an integer from 1 to 10000000',
        'pumping.velocity[0].mode: must be one of monitor, filter, block (got "stop")',
      ]),
    );
  });

  it('reads "window": null as no quiet hours', () => {
    const r = parseRules({
      ...base(),
      quietHours: [{ countries: ['DE'], categories: ['transactional'], window: null }],
    });
    expect(r.ok && r.rules.quietHours[0].window).toBeNull();
  });
});
