import { carriersFileSchema } from '../common-config';
import { TelnyxFake } from './telnyx.fake';
import { TELNYX_API_BASE_URL, telnyxCarrier, type TelnyxCarrierConfig } from './telnyx.carrier';

const schema = carriersFileSchema([{ type: 'telnyx', ...telnyxCarrier.schema }]);
const entry = {
  id: 'telnyx-us',
  type: 'telnyx',
  windowSize: 20,
  mpsSegments: 10,
  countries: ['US'],
  priority: 1,
  apiKeyEnv: 'CARRIER_TELNYX_API_KEY',
  publicKey: 'eu2zvPjhY6odxV34Z/EsRiERvTodkev4Fq0SlK90Izg=',
};
const problems = (over: Record<string, unknown>) => {
  const outcome = schema.validate({ carriers: [{ ...entry, ...over }] });
  return outcome.ok ? [] : outcome.problems;
};

describe('telnyx carrier config', () => {
  it('takes the smallest entry and defaults the API base URL', () => {
    expect(problems({})).toEqual([]);
    expect(telnyxCarrier.withDefaults!(entry as TelnyxCarrierConfig).apiBaseUrl).toBe(TELNYX_API_BASE_URL);
  });

  it('takes a number, short code or alphanumeric sender and a profile id', () => {
    for (const from of ['+18445550001', '22395', 'Herald', 'ACME Shop'])
      expect(problems({ from, messagingProfileId: '4000eba1-a0c0-4563-9925-b25e842a7cb6' })).toEqual([]);
  });

  it.each([
    [{ apiKeyEnv: undefined }, 'carriers[0].apiKeyEnv', 'is required'],
    [
      { publicKey: 'abc' },
      'carriers[0].publicKey',
      'must be the base64 Ed25519 public key from Mission Control (44 characters)',
    ],
    [{ from: '12' }, 'carriers[0].from', expect.stringContaining('+E.164 number')],
    [{ from: 'TwelveLetter' }, 'carriers[0].from', expect.stringContaining('alphanumeric sender ID')],
    [{ messagingProfileId: 'profile-1' }, 'carriers[0].messagingProfileId', 'must be a messaging profile id (UUID)'],
    [{ apiBaseUrl: 'api.telnyx.com' }, 'carriers[0].apiBaseUrl', 'must be an http(s) URL'],
  ])('refuses %p with a line naming the key', (over, path, reason) => {
    expect(problems(over)).toEqual([{ path, reason }]);
  });

  it('keeps the API key NAME as its only secret', () => {
    expect(telnyxCarrier.secretFields).toEqual(['apiKeyEnv']);
  });

  it('gives a fake built from a seed the matching public key', () => {
    const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    // RFC 8032 §7.1 TEST 1 public key.
    const expected = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
    expect(new TelnyxFake({ apiKey: 'k', seed }).publicKey).toBe(expected.toString('base64'));
  });
});
