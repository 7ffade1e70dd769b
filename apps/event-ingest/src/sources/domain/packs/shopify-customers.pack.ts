import { Topics } from '@herald/contracts';
import { customerOf } from './contact';
import type { MappingResult, VerifiedWebhook } from '../mapped-event';
import { addressContact } from './shopify-common';
import { idAt, localeAt, objectAt, textAt, timeAt } from './payload-fields';

/** customers/create -> customer.registered for the source's brand. */
export function shopifyCustomerCreated(w: VerifiedWebhook, id: string, brand: string): MappingResult {
  const c = w.payload;
  const home = addressContact(objectAt(c, 'default_address'));
  const customer = customerOf(
    { id: idAt(c, 'id'), firstName: textAt(c, 'first_name'), lastName: textAt(c, 'last_name'), locale: localeAt(c, 'locale') },
    [{ phone: textAt(c, 'phone', 64), country: home.country }, home],
  );
  return { kind: 'event', event: { id, type: Topics.CustomerRegistered, time: timeAt(c, 'created_at') ?? w.receivedAt.toISOString(), subject: idAt(c, 'id'), data: { customer, brand } } };
}
