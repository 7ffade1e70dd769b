import { Topics } from '@herald/contracts';
import { customerOf } from './contact';
import type { MappingResult, VerifiedWebhook } from '../mapped-event';
import { smsConsentOf } from './shopify-consent.pack';
import { addressContact } from './shopify-common';
import { idAt, localeAt, objectAt, textAt, timeAt } from './payload-fields';

/**
 * customers/create -> customer.registered for the source's brand; before API version 2025-01 the
 * payload also carries sms_marketing_consent, recorded as a consent for the customer's own phone.
 */
export function shopifyCustomerCreated(w: VerifiedWebhook, id: string, brand: string): MappingResult {
  const c = w.payload;
  const home = addressContact(objectAt(c, 'default_address'));
  const customer = customerOf(
    {
      id: idAt(c, 'id'),
      firstName: textAt(c, 'first_name'),
      lastName: textAt(c, 'last_name'),
      locale: localeAt(c, 'locale'),
    },
    [{ phone: textAt(c, 'phone', 64), country: home.country }, home],
  );
  const event = {
    id,
    type: Topics.CustomerRegistered,
    time: timeAt(c, 'created_at') ?? w.receivedAt.toISOString(),
    subject: idAt(c, 'id'),
    data: { customer, brand },
  };
  const consent = smsConsentOf(objectAt(c, 'sms_marketing_consent'), textAt(c, 'phone', 64), home.country);
  return consent === undefined ? { kind: 'event', event } : { kind: 'event', event, consent };
}
