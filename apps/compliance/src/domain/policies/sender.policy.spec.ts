import { shippedComplianceRules } from '../compliance.fixtures';
import { chooseSender } from './sender.policy';

const rules = shippedComplianceRules();

describe('sender selection', () => {
  it.each([
    ['FR gets the alphanumeric id', { senderProfile: 'default', brand: 'maison-durand' }, 'FR', { senderId: 'Herald' }],
    [
      'US gets the long code, never the alphanumeric id',
      { senderProfile: 'default', brand: 'maison-durand' },
      'US',
      { senderId: '+12025550143' },
    ],
    ['CA gets its long code', { senderProfile: 'default', brand: 'maison-durand' }, 'CA', { senderId: '+16135550143' }],
    ['US OTP gets the short code', { senderProfile: 'otp-default', brand: 'acme-bank' }, 'US', { senderId: '24273' }],
    [
      'alphanumeric-only profile in FR',
      { senderProfile: 'fr-alpha', brand: 'maison-durand' },
      'FR',
      { senderId: 'MDurand' },
    ],
    [
      'alphanumeric-only profile in US: no sender',
      { senderProfile: 'fr-alpha', brand: 'maison-durand' },
      'US',
      'NO_SENDER',
    ],
    [
      'alphanumeric-only profile in CA: no sender',
      { senderProfile: 'fr-alpha', brand: 'maison-durand' },
      'CA',
      'NO_SENDER',
    ],
    ['unknown profile', { senderProfile: 'nope', brand: 'maison-durand' }, 'FR', 'NO_SENDER'],
  ])('%s', (_case, message, country, expected) => {
    const choice = chooseSender(message, country, rules);
    expect('outcome' in choice ? choice.reasonCode : choice).toEqual(expected);
  });
});

describe('India DLT registration', () => {
  it.each([
    [
      'template id + brand entity id',
      { registeredTemplateId: '1107161234567890123', brand: 'acme-bank' },
      { senderId: 'ACMEBK', entityId: '1101234567890123456' },
    ],
    ['no template id', { brand: 'acme-bank' }, 'TEMPLATE_NOT_REGISTERED'],
    [
      'brand without an entity id',
      { registeredTemplateId: '1107161234567890123', brand: 'maison-durand' },
      'TEMPLATE_NOT_REGISTERED',
    ],
  ])('%s', (_case, facts, expected) => {
    const choice = chooseSender({ senderProfile: 'in-dlt', ...facts }, 'IN', rules);
    expect('outcome' in choice ? choice.reasonCode : choice).toEqual(expected);
  });

  it('needs no registration outside India', () => {
    expect(chooseSender({ senderProfile: 'in-dlt', brand: 'maison-durand' }, 'FR', rules)).toEqual({
      senderId: 'ACMEBK',
    });
  });
});
