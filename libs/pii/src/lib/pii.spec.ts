import { randomBytes } from 'node:crypto';
import { PiiCipher } from './pii-cipher';
import { maskPhone, maskPhonesInText } from './mask';

const key = () => randomBytes(32).toString('base64');

describe('PiiCipher', () => {
  it('round-trips and never emits the plaintext', () => {
    const c = PiiCipher.fromSpec(`k1:${key()}`);
    const enc = c.encrypt('+33612345678');
    expect(enc).not.toContain('612345678');
    expect(enc.startsWith('k1.')).toBe(true);
    expect(c.decrypt(enc)).toBe('+33612345678');
  });

  it('decrypts with a rotated-out key and encrypts with the first', () => {
    const old = PiiCipher.fromSpec(`k0:${key()}`);
    const oldSpec = old as unknown as { keys: Map<string, Buffer> };
    const k0 = (oldSpec.keys.get('k0') as Buffer).toString('base64');
    const rotated = PiiCipher.fromSpec(`k1:${key()},k0:${k0}`);
    expect(rotated.decrypt(old.encrypt('hello'))).toBe('hello');
    expect(rotated.encrypt('x').startsWith('k1.')).toBe(true);
  });

  it('seals arbitrary bytes exactly, 28 bytes larger, and opens them with the key id kept beside them', () => {
    const c = PiiCipher.fromSpec(`k2:${key()},k1:${key()}`);
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28, 0x0a]);
    const sealed = c.seal(bytes);
    expect(c.activeKeyId).toBe('k2');
    expect(sealed.length).toBe(bytes.length + 28);
    expect(c.open('k2', sealed).equals(bytes)).toBe(true);
    expect(() => c.open('k1', sealed)).toThrow();
    expect(() => c.open('k9', sealed)).toThrow(/unknown key/);
    expect(c.open('k2', Buffer.from(c.encrypt('+33612345678').slice(3), 'base64url')).toString()).toBe('+33612345678');
  });

  it('rejects tampered ciphertext, unknown keys and bad specs', () => {
    const c = PiiCipher.fromSpec(`k1:${key()}`);
    const enc = c.encrypt('secret');
    const mid = Math.floor(enc.length / 2);
    const tampered = enc.slice(0, mid) + (enc[mid] === 'A' ? 'B' : 'A') + enc.slice(mid + 1);
    expect(() => c.decrypt(tampered)).toThrow();
    expect(() => c.decrypt('k9.abc')).toThrow(/unknown key/);
    expect(() => PiiCipher.fromSpec('k1:short')).toThrow(/32 bytes/);
    expect(() => PiiCipher.fromSpec('')).toThrow(/at least one/);
  });
});

describe('masking', () => {
  it.each([
    ['+33612345678', '*********78'],
    ['+1 (415) 555-0123', '*********23'],
    ['12', '**'],
  ])('maskPhone(%s)', (input, expected) => expect(maskPhone(input)).toBe(expected));

  it('masks numbers inside free text but leaves short numbers', () => {
    expect(maskPhonesInText('call +33 6 12 34 56 78 about order 10023')).toBe('call *********78 about order 10023');
  });
});
