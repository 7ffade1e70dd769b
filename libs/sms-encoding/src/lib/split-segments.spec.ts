import { encodeGsm7Unpacked, encodeUcs2 } from './encode-payload';
import { splitSegments } from './split-segments';

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
});
