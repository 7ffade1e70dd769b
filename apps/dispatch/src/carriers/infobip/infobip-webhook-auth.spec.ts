import { basicAuthorization, verifyBasicAuthorization } from './infobip-webhook-auth';

describe('Infobip webhook Basic credentials', () => {
  // RFC 7617 section 2's example, also the one Infobip's own API docs show.
  it('builds the Basic header of user:password', () => {
    expect(basicAuthorization('Aladdin:open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  });

  it('accepts the configured credentials, with the scheme in any case', () => {
    expect(verifyBasicAuthorization('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', ['Aladdin:open sesame'])).toBe(true);
    expect(verifyBasicAuthorization('basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', ['Aladdin:open sesame'])).toBe(true);
  });

  it('accepts any of the credentials during a rotation', () => {
    expect(verifyBasicAuthorization(basicAuthorization('u:old'), ['u:new', 'u:old'])).toBe(true);
  });

  it.each([
    ['other credentials', basicAuthorization('Aladdin:open sesam')],
    ['another scheme', 'App QWxhZGRpbjpvcGVuIHNlc2FtZQ=='],
    ['the credentials unencoded', 'Basic Aladdin:open sesame'],
    ['an empty header', ''],
    ['no header', undefined],
  ])('refuses %s', (_what, header) => {
    expect(verifyBasicAuthorization(header, ['Aladdin:open sesame'])).toBe(false);
  });

  it('refuses everything when no credentials are configured', () => {
    expect(verifyBasicAuthorization(basicAuthorization('u:p'), [])).toBe(false);
  });
});
