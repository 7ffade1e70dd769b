import type { PhoneNumberType } from './phone-number-type';

interface FictionalRange {
  e164: RegExp;
  country: string;
  type: PhoneNumberType;
}

// Ranges a regulator reserves for drama and tests that libphonenumber marks as unallocated.
// Accepting them lets fixtures, docs and the SMSC simulator use numbers no subscriber can own.
// US 555-01xx and the UK 020 7946 0xxx drama range are already valid in the metadata.
const FICTIONAL_RANGES: readonly FictionalRange[] = [
  { e164: /^\+447700900\d{3}$/, country: 'GB', type: 'MOBILE' }, // Ofcom: 07700 900000-900999
];

export function fictionalNumber(e164: string): { country: string; type: PhoneNumberType } | undefined {
  const range = FICTIONAL_RANGES.find((r) => r.e164.test(e164));
  return range && { country: range.country, type: range.type };
}
