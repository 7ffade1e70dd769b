import { carriersFileSchema } from '../common-config';
import { vonageCarrier } from './vonage.carrier';

const schema = carriersFileSchema([{ type: 'vonage', ...vonageCarrier.schema }]);
const entry = {
  id: 'vonage-de',
  type: 'vonage',
  windowSize: 20,
  mpsSegments: 30,
  countries: ['DE'],
  priority: 1,
  apiKey: 'abcd1234',
  apiSecretEnv: 'CARRIER_VONAGE_API_SECRET',
  signatureSecretEnv: 'CARRIER_VONAGE_SIGNATURE_SECRET',
};
const problems = (over: object) => {
  const outcome = schema.validate({ carriers: [{ ...entry, ...over }] });
  return outcome.ok ? [] : outcome.problems.map((p) => `${p.path}: ${p.reason}`);
};

describe('the vonage carrier config', () => {
  it('accepts the smallest entry and fills Vonage defaults', () => {
    const outcome = schema.validate({ carriers: [entry] });
    expect(outcome.ok).toBe(true);
    expect(vonageCarrier.withDefaults!(entry as never)).toMatchObject({
      signatureMethod: 'md5hash',
      apiBaseUrl: 'https://rest.nexmo.com',
    });
  });

  it('names the key in each problem', () => {
    expect(problems({ apiKey: 'abc' })).toEqual([
      expect.stringMatching(/apiKey: must be the 8-character Vonage API key/),
    ]);
    expect(problems({ apiSecretEnv: 'lower' })).toEqual([
      expect.stringMatching(/apiSecretEnv: must be an env var NAME/),
    ]);
    expect(problems({ signatureMethod: 'sha384' })).toEqual([
      expect.stringMatching(/signatureMethod: must be one of md5hash/),
    ]);
    expect(problems({ from: '+12345678901234567' })).toEqual([expect.stringMatching(/from: must be an E\.164 number/)]);
    expect(problems({ apiBaseUrl: 'rest.nexmo.com' })).toEqual([
      expect.stringMatching(/apiBaseUrl: must be an http\(s\) URL/),
    ]);
  });

  it('requires the API key and secret, and refuses keys it does not know', () => {
    expect(problems({ apiKey: undefined }).join()).toMatch(/apiKey/);
    expect(problems({ apiSecretEnv: undefined }).join()).toMatch(/apiSecretEnv/);
    expect(problems({ apiSecret: 'inline' }).join()).toMatch(/apiSecret/);
  });

  it('declares both secrets', () => {
    expect(vonageCarrier.secretFields).toEqual(['apiSecretEnv', 'signatureSecretEnv']);
  });
});
