import { decodeGsm7Unpacked, encodeGsm7Unpacked, isGsm7Encodable } from './gsm7';
import { buildParts, decodeText, encodeText } from './multipart';
import { readTlvUint, TlvTag } from './pdu/tlv';

describe('GSM 03.38 unpacked', () => {
  it.each([
    ['@', [0x00]],
    ['£$¥', [0x01, 0x02, 0x03]],
    ['Δ_Ξ', [0x10, 0x11, 0x1a]],
    ['ÆæßÉ', [0x1c, 0x1d, 0x1e, 0x1f]],
    ['¡¿§àü', [0x40, 0x60, 0x5f, 0x7f, 0x7e]],
    ['Hi 0', [0x48, 0x69, 0x20, 0x30]],
    ['€', [0x1b, 0x65]],
    ['{}[]~|^\\', [0x1b, 0x28, 0x1b, 0x29, 0x1b, 0x3c, 0x1b, 0x3e, 0x1b, 0x3d, 0x1b, 0x40, 0x1b, 0x14, 0x1b, 0x2f]],
    ['\f', [0x1b, 0x0a]],
  ])('encodes %j one septet per octet', (text, septets) => {
    expect([...encodeGsm7Unpacked(text)]).toEqual(septets);
    expect(decodeGsm7Unpacked(Buffer.from(septets))).toBe(text);
  });

  it('rejects characters outside the alphabet', () => {
    expect(isGsm7Encodable('Forêt')).toBe(false);
    expect(isGsm7Encodable('Thé [ok] €5')).toBe(true);
    expect(() => encodeGsm7Unpacked('ê')).toThrow(expect.objectContaining({ code: 'INVALID_PDU' }));
  });

  it('decodes an unknown escape as the basic character', () => {
    expect(decodeGsm7Unpacked(Buffer.from([0x1b, 0x41]))).toBe('A');
  });
});

describe('buildParts', () => {
  it('sends one segment without UDH or SAR', () => {
    const [part] = buildParts(['Hello'], { dataCoding: 0, reference: 1 });
    expect(part).toEqual({ shortMessage: Buffer.from('Hello'), esmClass: 0, dataCoding: 0, tlvs: [] });
  });

  it('prefixes a concatenation UDH and sets esm_class 0x40', () => {
    const parts = buildParts(['Part one ', 'and two €'], { dataCoding: 0, reference: 0x1a7 });
    expect(parts.map((p) => p.esmClass)).toEqual([0x40, 0x40]);
    expect([...parts[1].shortMessage.subarray(0, 6)]).toEqual([0x05, 0x00, 0x03, 0xa7, 2, 2]);
    expect(decodeText(parts[1].shortMessage.subarray(6), 0)).toBe('and two €');
  });

  it('encodes UCS-2 big-endian, surrogate pairs included', () => {
    const parts = buildParts(['Привет ', 'мир 👋'], { dataCoding: 8, reference: 9 });
    expect(parts[0].shortMessage.subarray(6, 8).toString('hex')).toBe('041f');
    expect(decodeText(parts[1].shortMessage.subarray(6), 8)).toBe('мир 👋');
  });

  it('uses SAR TLVs with a 16-bit reference when asked', () => {
    const parts = buildParts(['a', 'b', 'c'], { dataCoding: 0, reference: 0x1234, method: 'sar' });
    expect(parts[2].esmClass).toBe(0);
    expect(parts[2].shortMessage.toString()).toBe('c');
    expect(readTlvUint(parts[2].tlvs, TlvTag.SAR_MSG_REF_NUM)).toBe(0x1234);
    expect(readTlvUint(parts[2].tlvs, TlvTag.SAR_TOTAL_SEGMENTS)).toBe(3);
    expect(readTlvUint(parts[2].tlvs, TlvTag.SAR_SEGMENT_SEQNUM)).toBe(3);
  });

  it('refuses empty or oversized messages and unknown codings', () => {
    expect(() => buildParts([], { dataCoding: 0, reference: 1 })).toThrow(/1 to 255/);
    expect(() => encodeText('x', 4)).toThrow(/data_coding 4/);
  });
});
