/** Keeps the last two digits: support staff can tell numbers apart, nobody can dial them. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 2) return '**';
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

// Seven or more digits, optionally with a leading + and the usual separators: a phone number
// written by a human or a carrier, not an id or an amount.
const PHONE_LIKE = /\+?\d(?:[\s().-]?\d){6,}/g;

export function maskPhonesInText(text: string): string {
  return text.replace(PHONE_LIKE, (m) => maskPhone(m));
}
