import { gsm7Length } from './gsm7-alphabet';
import { SEGMENT_LIMITS, type SmsEncoding } from './segment-limits';

function gsm7Units(char: string): number {
  const length = gsm7Length(char);
  if (length === 0) throw new RangeError(`Not a GSM-7 character: ${JSON.stringify(char)}`);
  return length;
}

/**
 * The parts a multipart (UDH) submit carries, in order. Packing is greedy over whole code points,
 * so a 2-septet escape sequence or a surrogate pair that would straddle a boundary starts the next
 * part instead: each part is decoded on its own, and a lone ESC or half a pair shows as garbage.
 */
export function splitSegments(text: string, encoding: SmsEncoding): string[] {
  const chars = [...text];
  const unitsOf = encoding === 'GSM7' ? gsm7Units : (char: string) => char.length;
  const sizes = chars.map(unitsOf);
  const { single, multi } = SEGMENT_LIMITS[encoding];
  if (sizes.reduce((sum, size) => sum + size, 0) <= single) return [text];

  const parts: string[] = [];
  let current = '';
  let used = 0;
  chars.forEach((char, i) => {
    if (used + sizes[i] > multi) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += sizes[i];
  });
  parts.push(current);
  return parts;
}
