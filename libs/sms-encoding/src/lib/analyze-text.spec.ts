import { analyze, type SmsAnalysis } from './analyze-text';

// Rule under test (reference, Twilio T4): a single SMS holds 160 GSM-7 septets or 70 UCS-2 units;
// a concatenated one holds 153 septets or 67 units per segment.
const a = (n: number) => 'a'.repeat(n);
const EXTENSION_CHARS = '{}[]~€|^\\';
const ARABIC = 'ب';
const EMOJI = '😀';
const CYRILLIC_O = '\u043e';

type Row = [string, string, Partial<SmsAnalysis>];

const rows: Row[] = [
  ['empty text', '', { encoding: 'GSM7', characters: 0, units: 0, segments: 1, perSegment: 160, nonGsmChars: [] }],
  ['pure GSM', 'Your code is 123456.', { encoding: 'GSM7', characters: 20, units: 20, segments: 1, perSegment: 160 }],
  ['GSM letters with accents', 'Réservation confirmée à 19h, Müller', { encoding: 'GSM7', characters: 35, units: 35 }],
  [
    'extension chars count double',
    `Set ${EXTENSION_CHARS}`,
    { encoding: 'GSM7', characters: 13, units: 22, segments: 1 },
  ],
  ['exactly 160 septets', a(160), { units: 160, segments: 1, perSegment: 160 }],
  ['161 septets', a(161), { units: 161, segments: 2, perSegment: 153 }],
  ['153 * 2 = 306 septets', a(306), { units: 306, segments: 2, perSegment: 153 }],
  ['307 septets', a(307), { units: 307, segments: 3, perSegment: 153 }],
  ['80 euro signs fill one SMS', '€'.repeat(80), { characters: 80, units: 160, segments: 1 }],
  ['81 euro signs need two', '€'.repeat(81), { characters: 81, units: 162, segments: 2 }],
  // 306 septets would be 2 segments by division, but the escape sequence at septet 153 moves.
  ['extension char straddling 153', `${a(152)}€${a(152)}`, { units: 306, segments: 3, perSegment: 153 }],
  ['extension char ending a segment', `${a(151)}€${a(153)}`, { units: 306, segments: 2 }],
  [
    '35 emoji = 70 units',
    EMOJI.repeat(35),
    { encoding: 'UCS2', characters: 35, units: 70, segments: 1, perSegment: 70 },
  ],
  [
    '36 emoji = 72 units',
    EMOJI.repeat(36),
    { encoding: 'UCS2', characters: 36, units: 72, segments: 2, perSegment: 67 },
  ],
  ['70 Arabic units', ARABIC.repeat(70), { encoding: 'UCS2', units: 70, segments: 1, perSegment: 70 }],
  ['71 Arabic units', ARABIC.repeat(71), { encoding: 'UCS2', units: 71, segments: 2, perSegment: 67 }],
  ['134 Arabic units', ARABIC.repeat(134), { units: 134, segments: 2 }],
  ['135 Arabic units', ARABIC.repeat(135), { units: 135, segments: 3 }],
  // 134 units would be 2 segments by division, but the pair at units 67-68 moves.
  [
    'surrogate pair straddling 67',
    `${a(66)}${EMOJI}${a(66)}`,
    { encoding: 'UCS2', characters: 133, units: 134, segments: 3 },
  ],
  [
    'Latin text with one Cyrillic homoglyph',
    `Thank y${CYRILLIC_O}u`,
    { encoding: 'UCS2', characters: 9, units: 9, segments: 1, perSegment: 70, nonGsmChars: [CYRILLIC_O] },
  ],
  ['one stray char doubles the cost', `${a(70)}’`, { encoding: 'UCS2', units: 71, segments: 2, nonGsmChars: ['’'] }],
  ['non-GSM chars listed once, in order', 'ça ça “x”', { encoding: 'UCS2', nonGsmChars: ['ç', '“', '”'] }],
  // ° is not in GSM 03.38 (only é is), so this short French message goes out as UCS-2.
  [
    'French order confirmation with n°',
    'Votre commande n°10023 est confirmée',
    { encoding: 'UCS2', characters: 36, units: 36, segments: 1, perSegment: 70, nonGsmChars: ['°'] },
  ],
];

describe('analyze', () => {
  it.each(rows)('%s', (_name, text, expected) => {
    expect(analyze(text)).toMatchObject(expected);
  });

  it('counts a form feed as an extension character', () => {
    expect(analyze('a\fb')).toMatchObject({ encoding: 'GSM7', characters: 3, units: 4 });
  });

  it('treats tab and the raw escape control as non-GSM', () => {
    expect(analyze('a\tb\u001b').nonGsmChars).toEqual(['\t', '\u001b']);
  });
});
