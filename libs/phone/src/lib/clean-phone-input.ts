// Control and format characters (zero-width, bidi marks, soft hyphen) and every Unicode space or
// separator: copy-pasted numbers carry them and they break libphonenumber's strict parse.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}]/gu;

/** NFKC first so full-width digits and plus signs from CJK keyboards become ASCII. */
export function cleanPhoneInput(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '');
}
