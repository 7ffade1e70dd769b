import { gsm7Length } from './gsm7-alphabet';
import { SEGMENT_LIMITS, type SmsEncoding } from './segment-limits';

function gsm7Units(char: string): number {
  const length = gsm7Length(char);
  if (length === 0) throw new RangeError(`Not a GSM-7 character: ${JSON.stringify(char)}`);
  return length;
}

const ucs2Units = (char: string) => char.length;

function totalUnits(text: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS2') return text.length;
  let total = 0;
  for (const char of text) total += gsm7Units(char);
  return total;
}

/**
 * Where each part after the first starts (UTF-16 index), for a text over one SMS. Packing is greedy
 * over whole code points, so a 2-septet escape sequence or a surrogate pair that would straddle a
 * boundary starts the next part instead: each part is decoded on its own, and a lone ESC or half a
 * pair shows as garbage. `units` is the text's total (septets or UTF-16 units) when known.
 */
function partStarts(text: string, encoding: SmsEncoding, units = totalUnits(text, encoding)): number[] {
  const unitsOf = encoding === 'GSM7' ? gsm7Units : ucs2Units;
  const { single, multi } = SEGMENT_LIMITS[encoding];
  if (units <= single) return [];
  const starts: number[] = [];
  let used = 0;
  let at = 0;
  for (const char of text) {
    const size = unitsOf(char);
    if (used + size > multi) {
      starts.push(at);
      used = 0;
    }
    used += size;
    at += char.length;
  }
  return starts;
}

/** The parts a multipart (UDH) submit carries, in order (see partStarts for the packing rule). */
export function splitSegments(text: string, encoding: SmsEncoding): string[] {
  const bounds = [0, ...partStarts(text, encoding), text.length];
  return bounds.slice(1).map((end, i) => text.slice(bounds[i], end));
}

/** How many parts splitSegments would make, without building them. */
export function countSegments(text: string, encoding: SmsEncoding, units?: number): number {
  return partStarts(text, encoding, units).length + 1;
}
