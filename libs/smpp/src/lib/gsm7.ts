import { SmppError } from './smpp-error';

// GSM 03.38 default alphabet, index = septet value. 0x1B is the escape to the extension table and
// has no character of its own. Herald sends GSM unpacked: one septet per octet (data_coding 0).
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

// Extension table: these characters cost two septets, 0x1B then the code below.
const EXTENSION: ReadonlyArray<[string, number]> = [
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

export const GSM7_ESCAPE = 0x1b;

const basicCode = new Map<string, number>();
for (let i = 0; i < BASIC.length; i++) if (i !== GSM7_ESCAPE) basicCode.set(BASIC[i], i);
const extCode = new Map<string, number>(EXTENSION);
const extChar = new Map<number, string>(EXTENSION.map(([c, code]) => [code, c]));

export function isGsm7Encodable(text: string): boolean {
  for (const ch of text) if (!basicCode.has(ch) && !extCode.has(ch)) return false;
  return true;
}

export function encodeGsm7Unpacked(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const basic = basicCode.get(ch);
    if (basic !== undefined) {
      out.push(basic);
      continue;
    }
    const ext = extCode.get(ch);
    if (ext === undefined) {
      throw new SmppError(
        'INVALID_PDU',
        `U+${ch.codePointAt(0)?.toString(16).toUpperCase()} is not in the GSM 03.38 alphabet`,
      );
    }
    out.push(GSM7_ESCAPE, ext);
  }
  return Buffer.from(out);
}

/** Unknown extension codes decode to their basic character, as 03.38 recommends. */
export function decodeGsm7Unpacked(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0x7f;
    if (b === GSM7_ESCAPE && i + 1 < bytes.length) {
      const next = bytes[++i] & 0x7f;
      out += extChar.get(next) ?? BASIC[next];
    } else if (b !== GSM7_ESCAPE) {
      out += BASIC[b];
    }
  }
  return out;
}
