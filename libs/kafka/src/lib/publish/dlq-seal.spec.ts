import { PiiCipher } from '@herald/pii';
import { DlqHeader } from './dlq-record';
import { deadLetterKeyId, isDlqTopic, openDeadLetter, sealDeadLetter } from './dlq-seal';

const spec = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;
const cipher = PiiCipher.fromSpec(`k2:${Buffer.alloc(32, 2).toString('base64')},${spec('k1', 1)}`);
const event = JSON.stringify({ customer: { phone: '+33612345678' }, otp: { code: '493817' } });
const headers = {
  ce_id: 'e-1',
  [DlqHeader.code]: 'UNDECODABLE_RECORD',
  [DlqHeader.message]: `Unexpected token, "{"phone":"+33612345678" is not valid JSON`,
};

describe('dead letters at rest', () => {
  it('encrypts the value under the active PII key, records the key id, keeps key and headers, masks the reason', () => {
    const sealed = sealDeadLetter({ key: 'k-1', value: event, headers }, cipher);
    expect(sealed.value!.includes('612345678')).toBe(false);
    expect(sealed.value!.includes('493817')).toBe(false);
    expect(sealed.value!.length).toBe(Buffer.byteLength(event) + 28);
    expect(sealed.headers[DlqHeader.enc]).toBe('aes-256-gcm:k2');
    expect(deadLetterKeyId(sealed.headers)).toBe('k2');
    expect(sealed.key).toBe('k-1');
    expect(sealed.headers).toMatchObject({ ce_id: 'e-1', [DlqHeader.code]: 'UNDECODABLE_RECORD' });
    expect(String(sealed.headers[DlqHeader.message])).toMatch(
      /^Unexpected token, "\{"phone":"\*+78" is not valid JSON$/,
    );
    expect(openDeadLetter(sealed.value, sealed.headers, cipher)?.toString('utf8')).toBe(event);
  });

  it('gives back bytes that are not even UTF-8 exactly, and ignores a stale encryption header', () => {
    const bytes = Buffer.from([0xff, 0x00, 0xc3, 0x28, 0x7b]);
    const sealed = sealDeadLetter({ key: null, value: bytes, headers: { [DlqHeader.enc]: 'aes-256-gcm:old' } }, cipher);
    expect(sealed.headers[DlqHeader.enc]).toBe('aes-256-gcm:k2');
    expect(openDeadLetter(sealed.value, sealed.headers, cipher)?.equals(bytes)).toBe(true);
  });

  it('opens with a rotated-out key still in the ring, and reads a record from before encryption as it is', () => {
    const old = sealDeadLetter({ key: null, value: event, headers: {} }, PiiCipher.fromSpec(spec('k1', 1)));
    expect(openDeadLetter(old.value, old.headers, cipher)?.toString('utf8')).toBe(event);
    expect(openDeadLetter(Buffer.from(event), {}, undefined)?.toString('utf8')).toBe(event);
    expect(openDeadLetter(null, {}, cipher)).toBeNull();
  });

  it('keeps a tombstone without a value', () => {
    const sealed = sealDeadLetter({ key: 'k', value: null, headers: {} }, cipher);
    expect(sealed.value).toBeNull();
    expect(sealed.headers[DlqHeader.enc]).toBeUndefined();
  });

  it('refuses to open without the key, with a key it does not hold, or an unknown algorithm, naming the key id', () => {
    const sealed = sealDeadLetter({ key: null, value: event, headers: {} }, cipher);
    expect(() => openDeadLetter(sealed.value, sealed.headers, undefined)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('"k2"') }),
    );
    expect(() => openDeadLetter(sealed.value, sealed.headers, PiiCipher.fromSpec(spec('k1', 1)))).toThrow(
      /PII key "k2" cannot be decrypted/,
    );
    expect(() => openDeadLetter(sealed.value, { [DlqHeader.enc]: 'rot13:k2' }, cipher)).toThrow(/"rot13"/);
  });

  it('knows a DLQ topic by its suffix', () => {
    expect(isDlqTopic('order.placed.dlq')).toBe(true);
    expect(isDlqTopic('order.placed')).toBe(false);
  });
});
