import type { ConsentChange, MappingResult, VerifiedWebhook } from '../mapped-event';
import { ignored } from '../mapped-event';
import { countryAt, objectAt, textAt, timeAt } from './payload-fields';

type Json = Record<string, unknown>;

// CustomerSmsMarketingState: subscribed, not_subscribed, pending (confirmation awaited), unsubscribed, redacted.
const GRANTED = new Set(['subscribed']);
const REVOKED = new Set(['unsubscribed', 'redacted']);

/** `sms_marketing_consent` ({ state, opt_in_level, consent_updated_at, consent_collected_from }) for a phone. */
export function smsConsentOf(
  consent: Json | undefined,
  phone: string | undefined,
  country: string | undefined,
): ConsentChange | undefined {
  const state = textAt(consent, 'state')?.toLowerCase();
  if (phone === undefined || state === undefined || (!GRANTED.has(state) && !REVOKED.has(state))) return undefined;
  const change: ConsentChange = { phone, granted: GRANTED.has(state) };
  const at = timeAt(consent, 'consent_updated_at');
  const from = textAt(consent, 'consent_collected_from', 64);
  if (country !== undefined) change.country = country;
  if (at !== undefined) change.at = at;
  if (from !== undefined) change.collectedFrom = from;
  return change;
}

/**
 * customers_marketing_consent/update (Shopify API 2025-01+, where customer payloads no longer carry
 * sms_marketing_consent): `{ id, phone, email_address, sms_marketing_consent }`.
 */
export function shopifyMarketingConsent(w: VerifiedWebhook): MappingResult {
  const raw = objectAt(w.payload, 'sms_marketing_consent');
  const phone = textAt(w.payload, 'phone', 64);
  if (raw === undefined) return ignored('no sms_marketing_consent (an email-only consent change)');
  if (phone === undefined) return ignored('no phone: an SMS consent without a number cannot be recorded');
  const consent = smsConsentOf(raw, phone, countryAt(objectAt(w.payload, 'default_address'), 'country_code'));
  return consent === undefined
    ? ignored(`sms_marketing_consent.state ${textAt(raw, 'state') ?? 'missing'} records nothing`)
    : { kind: 'consent', consent };
}
