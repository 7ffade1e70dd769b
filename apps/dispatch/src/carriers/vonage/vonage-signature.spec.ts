import { sign, signatureBase, verifySignature, type SignatureMethod } from './vonage-signature';

// Test vectors published with Vonage's own SDKs: the SMS package of vonage-node-sdk
// (packages/sms/__tests__/__dataSets__/signature.ts) for every method, and the md5hash vector
// shared by nexmo-python, nexmo-ruby and Nexmo's rack verify-signature middleware.
const inbound = {
  'message-timestamp': '2013-11-21 15:27:30',
  messageId: '020000001B0FE827',
  msisdn: '14843472194',
  text: 'Test again',
  timestamp: '1385047698',
  to: '13239877404',
  type: 'text',
};
const vectors: Array<[SignatureMethod, string]> = [
  ['md5hash', 'd2e7b1dc968737c5998ad624e02f90b7'],
  ['md5', 'DDEBD46008C2D4E93CCE578A332A52D5'],
  ['sha1', '27D0D05C2876C7CB1720DBCDBA4D492E1E55C09A'],
  ['sha256', 'DDB8397C2B90AAC7F3882D306475C9A5058C92322EEF43C92B298B6E0FC0D330'],
  [
    'sha512',
    'E0D3C650F8C9D1A5C174D10DDDBFB003E561F59B265616208B0487C5D819481CD3C311D59CF6165ECD1139622D5BA3A256C0D763AC4A9AD9144B5A426B94FE82',
  ],
];
const secret = 'my_secret_key_for_testing';
const at = (seconds: string) => Number(seconds) * 1000;

describe('Vonage request signatures', () => {
  it.each(vectors)('%s: signs the published vector', (method, expected) => {
    expect(sign(inbound, secret, method)).toBe(expected);
  });

  it.each(vectors)('%s: verifies the published vector, in either hex case', (method, sig) => {
    const now = at(inbound.timestamp);
    expect(verifySignature({ ...inbound, sig }, secret, method, now)).toEqual({ ok: true });
    expect(verifySignature({ ...inbound, sig: sig.toLowerCase() }, secret, method, now)).toEqual({ ok: true });
  });

  it('matches the md5hash vector of the older SDKs', () => {
    const params = { a: '1', b: '2', timestamp: '1461605396', sig: '6af838ef94998832dbfc29020b564830' };
    expect(verifySignature(params, 'secret', 'md5hash', at('1461605396'))).toEqual({ ok: true });
  });

  it('sorts by key, leads with & and replaces & and = in values only', () => {
    expect(signatureBase({ b: 'x=1&y', a: 'plain', sig: 'dropped' })).toBe('&a=plain&b=x_1_y');
  });

  it('refuses a tampered parameter, another secret or another method', () => {
    const [method, sig] = vectors[3];
    const now = at(inbound.timestamp);
    const bad = { ok: false, reason: 'bad_signature' };
    expect(verifySignature({ ...inbound, text: 'Test again!', sig }, secret, method, now)).toEqual(bad);
    expect(verifySignature({ ...inbound, sig }, 'other', method, now)).toEqual(bad);
    expect(verifySignature({ ...inbound, sig }, secret, 'sha512', now)).toEqual(bad);
    expect(verifySignature({ ...inbound, sig: 'zz' }, secret, method, now)).toEqual(bad);
  });

  it('needs sig and timestamp', () => {
    const { timestamp: _t, ...untimed } = inbound;
    expect(verifySignature(inbound, secret, 'md5hash', 0)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifySignature({ ...untimed, sig: vectors[0][1] }, secret, 'md5hash', 0)).toEqual({
      ok: false,
      reason: 'missing_timestamp',
    });
  });

  it('calls an authentic signature more than 5 minutes off stale', () => {
    const params = { ...inbound, sig: vectors[0][1] };
    const t = at(inbound.timestamp);
    expect(verifySignature(params, secret, 'md5hash', t + 300_000)).toEqual({ ok: true });
    expect(verifySignature(params, secret, 'md5hash', t - 300_000)).toEqual({ ok: true });
    expect(verifySignature(params, secret, 'md5hash', t + 301_000)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifySignature(params, secret, 'md5hash', t - 301_000)).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('verifies a signature over non-ASCII values (UTF-8) and with an empty value signed either way', () => {
    const params = { text: 'Grüße & Küsse', timestamp: '1700000000', 'client-ref': '' };
    const now = at('1700000000');
    const all = sign(params, 's', 'sha256');
    const { 'client-ref': _empty, ...filled } = params;
    const skipEmpty = sign(filled, 's', 'sha256');
    expect(all).not.toBe(skipEmpty);
    expect(verifySignature({ ...params, sig: all }, 's', 'sha256', now)).toEqual({ ok: true });
    expect(verifySignature({ ...params, sig: skipEmpty }, 's', 'sha256', now)).toEqual({ ok: true });
  });
});
