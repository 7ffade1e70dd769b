import { maskPhone } from '@herald/pii';

// A candidate number: 7+ digits, an optional leading +, the separators people and carriers write
// (space, dot, dash, parentheses). The look-arounds keep it from starting or ending inside a word,
// so hex trace ids, UUIDs and other alphanumeric tokens are never candidates.
const CANDIDATE = /(?<![\w+.:/-])\(?\+?\d(?:[\s().-]{0,2}\d){6,}(?![\w:]|\.\d)/g;
// Shapes that are 7+ digits but no phone number: dates (2026-12-04, 2026-12-04T18:54:20),
// clock times, dotted quads (IP addresses), a single decimal point (12345.678).
const NOT_A_PHONE = [/\d{4}-\d{2}-\d{2}/, /\d{1,2}:\d{2}/, /^\d{1,3}(\.\d{1,3}){3}$/, /^\d+\.\d+$/];
// A bare run right before a unit or after a counter word is a size, a count or a position.
const UNIT_AFTER =
  /^\s*(bytes?|B|KB|KiB|MB|MiB|GB|ms|us|ns|s|sec|seconds?|min|records?|rows?|messages?|msgs?|events?|items?|%|x)\b/i;
const COUNTER_BEFORE =
  /\b(offsets?|partitions?|bytes?|size|length|count|total|lag|pid|port|seq|sequence|epoch|generation|attempts?|took|duration|elapsed|id|#)\s*[=:]?\s*"?$/i;
// An OTP in prose: "your code is 123456", "OTP: 4821", "PIN 0000", "Ihr Code lautet 123456".
const OTP_PHRASE =
  /\b(otp|one[- ]time (?:pass)?code|passcode|verification code|code|pin)\b([^\d\n]{0,16}?)(\d{4,8})(?!\d)/gi;
// A secret written as key=value or key: value in text (a URL query, a config dump).
const SECRET_ASSIGNMENT = /\b(password|passwd|secret|token|api[_-]?key|otp|pin)(\s*[=:]\s*"?)([^\s"&,;]+)/gi;

/** True when a bare (no +, no separator) digit run is a plausible subscriber number. */
function plausibleBareNumber(digits: string): boolean {
  if (digits.length < 8 || digits.length > 15) return false;
  // Country code 1 numbers have 11 digits, and no other country code starts with 1, so 10 and 13
  // digits starting with 1 are Unix times in seconds or milliseconds, not numbers.
  if (digits.startsWith('1') && (digits.length === 10 || digits.length === 13)) return false;
  return true;
}

function maskCandidate(match: string, offset: number, text: string): string {
  if (NOT_A_PHONE.some((shape) => shape.test(match))) return match;
  const digits = match.replace(/\D/g, '');
  const international = match.replace(/^\(/, '').startsWith('+');
  const separated = /[\s().-]/.test(match.replace(/^\(?\+/, ''));
  if (!international && !separated) {
    const after = text.slice(offset + match.length, offset + match.length + 12);
    const before = text.slice(Math.max(0, offset - 24), offset);
    if (UNIT_AFTER.test(after) || COUNTER_BEFORE.test(before) || !plausibleBareNumber(digits)) return match;
  }
  if (digits.length > 15) return match;
  return maskPhone(match);
}

/**
 * Masks what is sensitive in free text and nothing else: phone numbers (international, national
 * with separators, bare subscriber numbers) keep their last two digits, OTP-shaped codes and
 * assigned secrets are starred. Timestamps, offsets, byte counts, UUIDs and trace ids stay
 * readable, because an SRE reading a log needs them and they identify nobody.
 */
export function maskLogText(text: string): string {
  return text
    .replace(SECRET_ASSIGNMENT, (_m, key: string, sep: string) => `${key}${sep}[redacted]`)
    .replace(
      OTP_PHRASE,
      (_m, word: string, between: string, code: string) => `${word}${between}${'*'.repeat(code.length)}`,
    )
    .replace(CANDIDATE, maskCandidate);
}
