// 3GPP TS 23.038 (GSM 03.38) default alphabet, indexed by septet value. 0x1B is the escape to
// the extension table, not a character; U+001B in text never maps to it.
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅå' +
  'Δ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ' +
  ' !"#¤%&\'()*+,-./' +
  '0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNO' +
  'PQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmno' +
  'pqrstuvwxyzäöñüà';

export const GSM7_ESCAPE = 0x1b;

// Extension table: sent as ESC + septet, so each costs two septets.
const EXTENSION: ReadonlyArray<readonly [string, number]> = [
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
];

const basicCodes = new Map<string, number>(
  [...BASIC].flatMap((char, code) => (code === GSM7_ESCAPE ? [] : [[char, code] as const])),
);
const extensionCodes = new Map<string, number>(EXTENSION);

/** The septets a character needs: [code] or [ESC, code]; undefined when it is not in GSM-7. */
export function gsm7Septets(char: string): readonly number[] | undefined {
  const basic = basicCodes.get(char);
  if (basic !== undefined) return [basic];
  const extension = extensionCodes.get(char);
  return extension === undefined ? undefined : [GSM7_ESCAPE, extension];
}

export function isGsm7Char(char: string): boolean {
  return basicCodes.has(char) || extensionCodes.has(char);
}

/** 1 for the default alphabet, 2 for the extension table, 0 when not GSM-7. */
export function gsm7Length(char: string): 0 | 1 | 2 {
  if (basicCodes.has(char)) return 1;
  return extensionCodes.has(char) ? 2 : 0;
}
