import { customerOf, type ContactCandidate } from './contact';
import { countryAt, idAt, localeAt, objectAt, textAt } from './payload-fields';

type Json = Record<string, unknown>;

export const SHOPIFY_WEBHOOK_ID_HEADER = 'x-shopify-webhook-id';
export const SHOPIFY_TOPIC_HEADER = 'x-shopify-topic';

export function addressContact(address: Json | undefined): ContactCandidate {
  return { phone: textAt(address, 'phone', 64), country: countryAt(address, 'country_code') };
}

/**
 * `data.customer` from an order: the customer's phone, the order's contact phone, then the shipping
 * and billing addresses' phones; the locale the buyer checked out in (`customer_locale`).
 */
export function orderCustomer(order: Json): Json {
  const customer = objectAt(order, 'customer');
  const shipping = objectAt(order, 'shipping_address');
  const billing = objectAt(order, 'billing_address');
  const home = objectAt(customer, 'default_address');
  return customerOf(
    {
      id: idAt(customer, 'id'),
      firstName: textAt(customer, 'first_name') ?? textAt(shipping, 'first_name') ?? textAt(billing, 'first_name'),
      lastName: textAt(customer, 'last_name') ?? textAt(shipping, 'last_name') ?? textAt(billing, 'last_name'),
      locale: localeAt(order, 'customer_locale') ?? localeAt(customer, 'locale'),
    },
    [
      {
        phone: textAt(customer, 'phone', 64),
        country: countryAt(home, 'country_code') ?? countryAt(shipping, 'country_code'),
      },
      {
        phone: textAt(order, 'phone', 64),
        country: countryAt(shipping, 'country_code') ?? countryAt(billing, 'country_code'),
      },
      addressContact(shipping),
      addressContact(billing),
    ],
  );
}

/** The order number the buyer sees (`#1001`); a fulfillment's name is that plus `.1`. */
export function orderNumberOf(order: Json): string | undefined {
  return idAt(order, 'name') ?? idAt(order, 'order_number') ?? idAt(order, 'id');
}
