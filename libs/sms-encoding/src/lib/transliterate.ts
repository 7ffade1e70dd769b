import { isGsm7Char } from './gsm7-alphabet';
import { LETTERS, PUNCTUATION, ZERO_WIDTH_JOINERS } from './transliteration.table';

const LATIN_LETTER = /^(?=\p{Script=Latin})\p{L}$/u;
const ASCII_LETTERS = /^[A-Za-z]+$/;
const COMBINING_MARKS = /\p{M}/gu;
// Joiners inside emoji sequences and Indic/Arabic words change how the text renders.
const NEEDS_JOINER = /[\p{Extended_Pictographic}\p{M}]|(?!\p{Script=Latin})\p{L}/u;

function foldLatinLetter(char: string): string {
  const explicit = LETTERS[char];
  if (explicit !== undefined) return explicit;
  const folded = char.normalize('NFKD').replace(COMBINING_MARKS, '');
  return ASCII_LETTERS.test(folded) ? folded : char;
}

function replace(char: string, before: string | undefined, after: string | undefined): string {
  if (isGsm7Char(char)) return char;
  const punctuation = PUNCTUATION[char];
  if (punctuation !== undefined) return punctuation;
  if (ZERO_WIDTH_JOINERS.has(char)) {
    return [before, after].some((near) => near !== undefined && NEEDS_JOINER.test(near)) ? char : '';
  }
  return LATIN_LETTER.test(char) ? foldLatinLetter(char) : char;
}

/**
 * Replaces typographic punctuation, exotic spaces and accented Latin letters missing from GSM-7
 * with their closest GSM-7 form, so a stray "’" does not turn the message into UCS-2 and halve
 * its capacity. Letters GSM-7 already has (é è à Ä Ñ Ç ...) are kept; emoji and other scripts
 * are left as they are and still need UCS-2.
 */
export function transliterate(text: string): string {
  const chars = [...text];
  return chars.map((char, i) => replace(char, chars[i - 1], chars[i + 1])).join('');
}
