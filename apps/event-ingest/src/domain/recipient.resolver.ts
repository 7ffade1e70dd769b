import { normalizePhone, type PhoneRejectionReason } from '@herald/phone';

export interface ResolvedRecipient {
  e164: string;
  country: string;
}

export type RecipientFailureCode = 'INVALID_PHONE' | 'MISSING_RECIPIENT';

export interface RecipientFailure {
  code: RecipientFailureCode;
  /** The field as the caller knows it, e.g. `customer.phone` or `to`. */
  field: string;
  /** Never contains the number itself: it ends up in DLQ headers and logs. */
  reason: string;
}

export type RecipientResolution = { ok: true; recipient: ResolvedRecipient } | { ok: false; failure: RecipientFailure };

const NON_GEOGRAPHIC = '001';

const REASONS: Record<Exclude<PhoneRejectionReason, 'EMPTY'>, string> = {
  NOT_A_NUMBER: 'is not a phone number',
  INVALID_COUNTRY:
    'has no international prefix and no region is known to read it (country, locale region or INGEST_DEFAULT_REGION)',
  TOO_SHORT: 'is too short to be a phone number',
  TOO_LONG: 'is too long to be a phone number',
  INVALID: 'is not a valid phone number for its country',
};

/** A raw phone value (any type, from a payload) to E.164, read with the first region hint given. */
export function resolveRecipient(
  raw: unknown,
  field: string,
  regionHints: ReadonlyArray<string | undefined>,
): RecipientResolution {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return failed('MISSING_RECIPIENT', field, 'is required: no recipient phone number in the event');
  }
  if (typeof raw !== 'string') return failed('INVALID_PHONE', field, 'must be a string');
  const region = regionHints.find((h) => h !== undefined && h !== '');
  const result = normalizePhone(raw, region);
  if (!result.ok) {
    if (result.reason === 'EMPTY')
      return failed('MISSING_RECIPIENT', field, 'is required: no recipient phone number in the event');
    return failed('INVALID_PHONE', field, `${REASONS[result.reason]} (${result.reason})`);
  }
  if (result.country === NON_GEOGRAPHIC) {
    return failed(
      'INVALID_PHONE',
      field,
      'is a non-geographic number (+800, +882 ...) with no country to route an SMS to',
    );
  }
  return { ok: true, recipient: { e164: result.e164, country: result.country } };
}

function failed(code: RecipientFailureCode, field: string, reason: string): RecipientResolution {
  return { ok: false, failure: { code, field, reason } };
}
