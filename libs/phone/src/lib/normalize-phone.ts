import {
  isSupportedCountry,
  ParseError,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { cleanPhoneInput } from './clean-phone-input';
import { fictionalNumber } from './fictional-numbers';
import type { PhoneNumberType } from './phone-number-type';

export type PhoneRejectionReason = 'EMPTY' | 'NOT_A_NUMBER' | 'INVALID_COUNTRY' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID';

export interface NormalizedPhone {
  ok: true;
  e164: string;
  /** ISO 3166-1 alpha-2, or '001' for non-geographic numbers (+800, +882 ...). */
  country: string;
  type: PhoneNumberType;
}

export interface RejectedPhone {
  ok: false;
  reason: PhoneRejectionReason;
}

export type PhoneNormalization = NormalizedPhone | RejectedPhone;

const NON_GEOGRAPHIC = '001';
const PASSED_THROUGH: ReadonlySet<string> = new Set(['NOT_A_NUMBER', 'INVALID_COUNTRY', 'TOO_SHORT', 'TOO_LONG']);

function reasonFor(libraryReason: string | undefined): PhoneRejectionReason {
  return libraryReason !== undefined && PASSED_THROUGH.has(libraryReason)
    ? (libraryReason as PhoneRejectionReason)
    : 'INVALID';
}

function toRegion(hint: string | undefined): CountryCode | undefined {
  const region = hint?.trim().toUpperCase();
  return region !== undefined && isSupportedCountry(region) ? region : undefined;
}

function parse(input: string, region: CountryCode | undefined): PhoneNormalization {
  let number: PhoneNumber;
  try {
    number = parsePhoneNumberWithError(input, { defaultCountry: region, extract: false });
  } catch (e: unknown) {
    return { ok: false, reason: e instanceof ParseError ? reasonFor(e.message) : 'NOT_A_NUMBER' };
  }
  if (number.isValid()) {
    return {
      ok: true,
      e164: number.number,
      country: number.country ?? NON_GEOGRAPHIC,
      type: number.getType() ?? 'UNKNOWN',
    };
  }
  const fictional = fictionalNumber(number.number);
  if (fictional !== undefined) return { ok: true, e164: number.number, ...fictional };
  return { ok: false, reason: reasonFor(validatePhoneNumberLength(number.number)) };
}

/**
 * Any human- or system-written number to E.164 with its country and line type. The region hint
 * (ISO2, any case) only applies to numbers written without an international prefix; an unknown
 * hint is ignored, so such numbers then fail with INVALID_COUNTRY.
 */
export function normalizePhone(raw: string, regionHint?: string): PhoneNormalization {
  const input = cleanPhoneInput(raw);
  if (input === '') return { ok: false, reason: 'EMPTY' };
  const region = toRegion(regionHint);
  if (!input.startsWith('00')) return parse(input, region);

  // "00" is the international prefix in most of the world, but not everywhere (US: 011, AU:
  // 0011), so the hint country's own reading wins when it is valid, else "00" is read as "+".
  const national = region === undefined ? undefined : parse(input, region);
  return national?.ok ? national : parse(`+${input.slice(2)}`, undefined);
}
