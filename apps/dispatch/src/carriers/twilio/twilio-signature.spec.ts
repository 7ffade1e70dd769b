import { twilioSignature, verifyTwilioSignature, type FormParams } from './twilio-signature';

// The worked example of https://www.twilio.com/docs/usage/webhooks/webhooks-security
// ("Validating signatures from Twilio"): auth token 12345, this URL and these POST parameters.
const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS: FormParams = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+12349013030'],
  ['Digits', '1234'],
  ['From', '+12349013030'],
  ['To', '+18005551212'],
];
const EXPECTED = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('X-Twilio-Signature', () => {
  it("matches Twilio's published example", () => {
    expect(twilioSignature(TOKEN, URL_, PARAMS)).toBe(EXPECTED);
  });

  it('sorts the parameters itself', () => {
    expect(twilioSignature(TOKEN, URL_, [...PARAMS].reverse())).toBe(EXPECTED);
  });

  it.each<[string, string, FormParams, string | undefined, boolean]>([
    ['the published example', URL_, PARAMS, EXPECTED, true],
    ['a changed parameter', URL_, [...PARAMS.slice(0, 2), ['Digits', '9999'], ...PARAMS.slice(3)], EXPECTED, false],
    ['an added parameter', URL_, [...PARAMS, ['Extra', '1']], EXPECTED, false],
    ['another query string', 'https://mycompany.com/myapp.php?foo=1&bar=3', PARAMS, EXPECTED, false],
    ['the default port written out', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS, EXPECTED, true],
    ['another port', 'https://mycompany.com:8443/myapp.php?foo=1&bar=2', PARAMS, EXPECTED, false],
    ['no header', URL_, PARAMS, undefined, false],
    ['an empty header', URL_, PARAMS, '', false],
    ['a truncated signature', URL_, PARAMS, EXPECTED.slice(0, -1), false],
  ])('%s', (_name, url, params, header, expected) => {
    expect(verifyTwilioSignature(TOKEN, url, params, header)).toBe(expected);
  });

  it('refuses the right signature under another auth token', () => {
    expect(verifyTwilioSignature('54321', URL_, PARAMS, EXPECTED)).toBe(false);
  });

  it('accepts a URL signed with its port when it arrives without one', () => {
    const withPort = twilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS);
    expect(verifyTwilioSignature(TOKEN, URL_, PARAMS, withPort)).toBe(true);
  });
});
