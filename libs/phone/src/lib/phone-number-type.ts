/** libphonenumber's number types, with UNKNOWN where the metadata has no match. */
export type PhoneNumberType =
  | 'MOBILE'
  | 'FIXED_LINE_OR_MOBILE'
  | 'FIXED_LINE'
  | 'VOIP'
  | 'TOLL_FREE'
  | 'PREMIUM_RATE'
  | 'SHARED_COST'
  | 'PERSONAL_NUMBER'
  | 'PAGER'
  | 'UAN'
  | 'VOICEMAIL'
  | 'UNKNOWN';

// FIXED_LINE_OR_MOBILE is what the metadata says for every NANP number (US, CA) since mobile and
// landline ranges are not distinguishable there, so refusing it would refuse North America.
// VOIP is refused: SMS support on those ranges depends on the provider and a submit to one often
// ends as a silent non-delivery; a caller that knows its VoIP recipients can check the type itself.
const MOBILE_CAPABLE: ReadonlySet<PhoneNumberType> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

export function isMobileCapable(type: PhoneNumberType): boolean {
  return MOBILE_CAPABLE.has(type);
}
