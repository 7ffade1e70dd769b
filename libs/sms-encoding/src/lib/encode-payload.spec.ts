import { analyze } from './analyze-text';
import { encodeGsm7Unpacked, encodeUcs2 } from './encode-payload';

const hex = (buffer: Buffer) => buffer.toString('hex');

describe('encodeGsm7Unpacked', () => {
  it.each([
    ['@£$', '000102'],
    ['Hi €5', '4869201b6535'],
    ['{}[]', '1b281b291b3c1b3e'],
    ['~|^\\', '1b3d1b401b141b2f'],
    ['\f\n\r', '1b0a0a0d'],
    ['ΔàÇ¿§', '107f09605f'],
  ])('%j -> %s', (text, expected) => {
    expect(hex(encodeGsm7Unpacked(text))).toBe(expected);
  });

  it('emits one octet per septet counted by analyze', () => {
    const text = 'Total: €12 {promo} [ok] ~ ^_^ | \\ réf. Ø';
    expect(encodeGsm7Unpacked(text).length).toBe(analyze(text).units);
  });

  it('refuses characters outside GSM-7', () => {
    expect(() => encodeGsm7Unpacked('ok 😀')).toThrow(RangeError);
  });
});

describe('encodeUcs2', () => {
  it.each([
    ['Aé', '004100e9'],
    ['😀', 'd83dde00'],
    ['مرحبا', '06450631062d06280627'],
  ])('%j -> %s (UTF-16BE)', (text, expected) => {
    expect(hex(encodeUcs2(text))).toBe(expected);
  });

  it('emits two octets per unit counted by analyze', () => {
    const text = 'Привет 👋 n°5';
    expect(encodeUcs2(text).length).toBe(analyze(text).units * 2);
  });
});
