import { createCipheriv, createDecipheriv } from 'node:crypto';
import { RandomPool } from '@herald/contracts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
// A fresh random 96-bit IV per encryption (NIST SP 800-38D 8.2.2), from a shared CSPRNG pool.
const ivs = new RandomPool();

/**
 * AES-256-GCM for personal data that must travel or rest (phone numbers, bodies, secret variables).
 * Output: `<keyId>.<base64url(iv | tag | ciphertext)>`; the key id lets keys rotate while old data
 * stays readable.
 */
export class PiiCipher {
  static readonly ALGORITHM = 'aes-256-gcm';

  private constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    /** The id of the key `encrypt` uses (the first of the spec). */
    readonly activeKeyId: string,
  ) {}

  /** `spec` is `id:base64key[,id:base64key...]`; the first key encrypts, all of them decrypt. */
  static fromSpec(spec: string): PiiCipher {
    const keys = new Map<string, Buffer>();
    for (const part of spec
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [id, b64] = part.split(':');
      const key = Buffer.from(b64 ?? '', 'base64');
      if (!id || key.length !== 32) throw new Error(`PII key "${id ?? ''}" must be id:base64 of 32 bytes`);
      keys.set(id, key);
    }
    const first = keys.keys().next();
    if (first.done) throw new Error('at least one PII key is required');
    return new PiiCipher(keys, first.value);
  }

  encrypt(plain: string): string {
    return `${this.activeKeyId}.${this.seal(Buffer.from(plain, 'utf8')).toString('base64url')}`;
  }

  decrypt(token: string): string {
    const dot = token.indexOf('.');
    return this.open(dot > 0 ? token.slice(0, dot) : '', Buffer.from(token.slice(dot + 1), 'base64url')).toString(
      'utf8',
    );
  }

  /**
   * Any bytes (a record that is not even UTF-8) under the active key, as binary `iv | tag |
   * ciphertext`: 28 bytes more than the plaintext, where a text token is a third larger. The
   * caller keeps `activeKeyId` next to it.
   */
  seal(plain: Buffer): Buffer {
    const iv = ivs.take(IV_BYTES);
    const cipher = createCipheriv(PiiCipher.ALGORITHM, this.keys.get(this.activeKeyId) as Buffer, iv);
    const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ct]);
  }

  open(keyId: string, sealed: Buffer): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new Error('ciphertext uses an unknown key id');
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext is truncated');
    const decipher = createDecipheriv(PiiCipher.ALGORITHM, key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }
}
