import { encodeGsm7Unpacked, encodeUcs2 } from './encode-payload';
import { countSegments, splitSegments } from './split-segments';

const a = (n: number) => 'a'.repeat(n);
const EMOJI = '😀';

describe('splitSegments', () => {
  it.each([
    ['empty text', '', 'GSM7', ['']],
    ['single GSM SMS', a(160), 'GSM7', [a(160)]],
    ['161 septets', a(161), 'GSM7', [a(153), a(8)]],
    ['escape sequence moved to the next part', `${a(152)}€${a(10)}`, 'GSM7', [a(152), `€${a(10)}`]],
    ['escape sequence ending a part', `${a(151)}€${a(10)}`, 'GSM7', [`${a(151)}€`, a(10)]],
    ['single UCS-2 SMS', EMOJI.repeat(35), 'UCS2', [EMOJI.repeat(35)]],
    ['surrogate pair moved to the next part', `${a(66)}${EMOJI}${a(5)}`, 'UCS2', [a(66), `${EMOJI}${a(5)}`]],
    ['GSM-only text forced to UCS-2', a(71), 'UCS2', [a(67), a(4)]],
  ] as const)('%s', (_name, text, encoding, expected) => {
    expect(splitSegments(text, encoding)).toEqual(expected);
  });

  it.each([
    ['GSM7', `${'{Café} '.repeat(60)}`, 153],
    ['UCS2', `${'Спасибо 🙏 '.repeat(30)}`, 134],
  ] as const)('%s parts rejoin to the text and each fits one segment', (encoding, text, maxOctets) => {
    const parts = splitSegments(text, encoding);
    const encode = encoding === 'GSM7' ? encodeGsm7Unpacked : encodeUcs2;
    expect(parts.join('')).toBe(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(encode(part).length).toBeLessThanOrEqual(maxOctets);
  });

  it('refuses GSM-7 for text with non-GSM characters', () => {
    expect(() => splitSegments('naïve', 'GSM7')).toThrow(RangeError);
  });

  it('counts the parts it makes, without making them (the count analyze reports)', () => {
    // Deterministic pseudo-random texts around the boundaries: plain, extension (2-septet) and
    // astral (surrogate pair) characters mixed.
    const gsm = ['a', 'é', '€', '{', ' '];
    const ucs2 = ['a', 'ç', '😀', 'ب', '“'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 400; i++) {
      const pool = i % 2 === 0 ? gsm : ucs2;
      const encoding = i % 2 === 0 ? 'GSM7' : 'UCS2';
      const length = 60 + (next() % 400);
      const text = Array.from({ length }, () => pool[next() % pool.length]).join('');
      expect(countSegments(text, encoding)).toBe(splitSegments(text, encoding).length);
    }
  });
});
