import { generateKeyPairSync, verify } from 'node:crypto';
import { signTelnyx, telnyxPublicKey, verifyTelnyxSignature } from './telnyx-signature';

// Telnyx publishes no signature test vector; RFC 8032 §7.1 TEST 1 and 2 pin the raw-key import
// (raw 32-byte public key -> SPKI), and a generated key pair exercises the `${timestamp}|${body}` scheme.
const RFC8032 = [
  {
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

const pair = generateKeyPairSync('ed25519');
const publicBase64 = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
const key = telnyxPublicKey(publicBase64);
const NOW = 1_765_000_000_000;
const ts = String(NOW / 1000);
const body = Buffer.from('{"data":{"event_type":"message.finalized"}}');
const signed = (over: Partial<{ timestamp: string; signature: string; rawBody: Buffer }> = {}) => ({
  timestamp: ts,
  signature: signTelnyx(pair.privateKey, ts, body),
  rawBody: body,
  ...over,
});

describe('telnyxPublicKey', () => {
  it.each(RFC8032)('imports the raw RFC 8032 public key $publicKey', (v) => {
    const imported = telnyxPublicKey(Buffer.from(v.publicKey, 'hex').toString('base64'));
    const message = Buffer.from(v.message, 'hex');
    expect(verify(null, message, imported, Buffer.from(v.signature, 'hex'))).toBe(true);
    expect(verify(null, Buffer.from('x'), imported, Buffer.from(v.signature, 'hex'))).toBe(false);
  });

  it.each(['', 'not base64!', Buffer.alloc(31).toString('base64'), Buffer.alloc(44).toString('base64')])(
    'refuses %p',
    (bad) => expect(() => telnyxPublicKey(bad)).toThrow('32 bytes'),
  );
});

describe('verifyTelnyxSignature', () => {
  it('accepts the signature of timestamp|body', () => {
    expect(verifyTelnyxSignature(signed(), key, NOW)).toEqual({ ok: true });
  });

  it('accepts a timestamp up to 300 s away either side', () => {
    expect(verifyTelnyxSignature(signed(), key, NOW + 300_000)).toEqual({ ok: true });
    expect(verifyTelnyxSignature(signed(), key, NOW - 300_000)).toEqual({ ok: true });
  });

  it('refuses a timestamp further away as stale, before looking at the signature', () => {
    expect(verifyTelnyxSignature(signed({ signature: 'x' }), key, NOW + 301_000)).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    expect(verifyTelnyxSignature(signed(), key, NOW - 301_000)).toMatchObject({ reason: 'stale_timestamp' });
    expect(verifyTelnyxSignature(signed({ timestamp: '17650e5' }), key, NOW)).toMatchObject({
      reason: 'stale_timestamp',
    });
  });

  it('refuses a changed body, a changed timestamp, another key', () => {
    expect(verifyTelnyxSignature(signed({ rawBody: Buffer.from(`${body} `) }), key, NOW)).toMatchObject({
      reason: 'bad_signature',
    });
    expect(verifyTelnyxSignature(signed({ timestamp: String(NOW / 1000 + 1) }), key, NOW)).toMatchObject({
      reason: 'bad_signature',
    });
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(verifyTelnyxSignature(signed({ signature: signTelnyx(other, ts, body) }), key, NOW)).toMatchObject({
      reason: 'bad_signature',
    });
  });

  it('names what is missing or malformed', () => {
    expect(verifyTelnyxSignature(signed({ timestamp: '' }), key, NOW)).toMatchObject({ reason: 'missing_timestamp' });
    expect(verifyTelnyxSignature(signed({ signature: '' }), key, NOW)).toMatchObject({ reason: 'missing_signature' });
    for (const signature of ['%%%', Buffer.alloc(63).toString('base64'), Buffer.alloc(65).toString('base64')])
      expect(verifyTelnyxSignature(signed({ signature }), key, NOW)).toMatchObject({ reason: 'malformed_signature' });
  });
});
