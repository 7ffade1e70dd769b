import { gsm7Septets } from './gsm7-alphabet';

/** SMPP data_coding 0 short_message: one octet per septet, ESC (0x1B) before extension characters. */
export function encodeGsm7Unpacked(text: string): Buffer {
  const septets = [...text].flatMap((char) => {
    const codes = gsm7Septets(char);
    if (codes === undefined) throw new RangeError(`Not a GSM-7 character: ${JSON.stringify(char)}`);
    return codes;
  });
  return Buffer.from(septets);
}

/** SMPP data_coding 8 short_message: UTF-16BE, surrogate pairs kept as two units. */
export function encodeUcs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}
