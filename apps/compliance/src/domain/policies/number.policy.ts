import { isMobileCapable, normalizePhone } from '@herald/phone';
import { suppress, type Suppression } from '../decision';

export interface ValidNumber {
  e164: string;
  /** The number's own country (ISO2), or the message's when the number is non-geographic. */
  country: string;
}

/** `phone` is the decrypted recipient number, undefined when its ciphertext could not be opened. */
export function checkNumber(phone: string | undefined, declaredCountry: string): ValidNumber | Suppression {
  if (phone === undefined) return suppress('INVALID_NUMBER', 'recipient.phoneEnc cannot be decrypted');
  const n = normalizePhone(phone);
  if (!n.ok) return suppress('INVALID_NUMBER', `not a valid E.164 number (${n.reason})`);
  if (n.e164 !== phone) return suppress('INVALID_NUMBER', 'recipient number is not in E.164 form');
  if (!isMobileCapable(n.type)) return suppress('NOT_MOBILE', `number type ${n.type} cannot receive SMS`);
  return { e164: n.e164, country: /^[A-Z]{2}$/.test(n.country) ? n.country : declaredCountry };
}
