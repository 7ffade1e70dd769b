export { defaultTimezoneFor } from './lib/default-timezone';
export {
  normalizePhone,
  type NormalizedPhone,
  type PhoneNormalization,
  type PhoneRejectionReason,
  type RejectedPhone,
} from './lib/normalize-phone';
export { isMobileCapable, type PhoneNumberType } from './lib/phone-number-type';
