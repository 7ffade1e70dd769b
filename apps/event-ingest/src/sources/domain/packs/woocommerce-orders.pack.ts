import { Topics, type DomainTopicName } from '@herald/contracts';
import { customerOf, type ContactCandidate } from './contact';
import { ignored, type MappingResult, type VerifiedWebhook } from '../mapped-event';
import { countryAt, decimalAt, idAt, localeAt, objectAt, pruned, textAt, timeAt } from './payload-fields';

type Json = Record<string, unknown>;

function contact(address: Json | undefined): ContactCandidate {
  return { phone: textAt(address, 'phone', 64), country: countryAt(address, 'country') };
}

// WooCommerce orders hold no customer phone of their own: shipping.phone (WooCommerce 5.6+), then billing.phone.
function orderCustomer(order: Json): Json {
  const shipping = objectAt(order, 'shipping');
  const billing = objectAt(order, 'billing');
  const customerId = idAt(order, 'customer_id');
  return customerOf(
    {
      id: customerId === '0' ? undefined : customerId,
      firstName: textAt(shipping, 'first_name') ?? textAt(billing, 'first_name'),
      lastName: textAt(shipping, 'last_name') ?? textAt(billing, 'last_name'),
      locale: localeOfMeta(order),
    },
    [contact(shipping), contact(billing)],
  );
}

function metaValue(order: Json, key: string): unknown {
  const meta = Array.isArray(order['meta_data']) ? (order['meta_data'] as Json[]) : [];
  return meta.find((m) => m?.['key'] === key)?.['value'];
}

// WooCommerce core has no order locale; WPML and Polylang store the shop language in order meta.
function localeOfMeta(order: Json): string | undefined {
  return localeAt({ l: metaValue(order, 'wpml_language') ?? metaValue(order, 'pll_language') }, 'l');
}

/** The Shipment Tracking extension's `_wc_shipment_tracking_items` meta, first entry. */
function trackingOf(order: Json): Json | undefined {
  const items = metaValue(order, '_wc_shipment_tracking_items');
  const first = Array.isArray(items) ? (items[0] as Json | undefined) : undefined;
  const trackingNumber = textAt(first, 'tracking_number', 128);
  if (trackingNumber === undefined) return undefined;
  const carrier = textAt(first, 'custom_tracking_provider', 64) ?? textAt(first, 'tracking_provider', 64) ?? 'Other';
  return pruned({ carrier, trackingNumber, trackingUrl: textAt(first, 'custom_tracking_link', 2048) });
}

function event(id: string, type: DomainTopicName, time: string, data: Json): MappingResult {
  return { kind: 'event', event: { id, type, time, subject: data['orderId'] as string | undefined, data } };
}

/**
 * order.created -> order.placed; order.updated by status: processing -> order.placed (one SMS per
 * order however many times it is saved), completed -> order.shipped when the Shipment Tracking
 * extension gave a tracking number, else order.delivered; cancelled -> order.cancelled.
 * WooCommerce mints a new X-WC-Webhook-Delivery-ID for every delivery and fires order.updated on
 * every save, so the event id is `<order id>:<event type>`: the same order reaching the same state
 * twice is one SMS.
 */
export function wooOrder(w: VerifiedWebhook, idPrefix: string): MappingResult {
  const order = w.payload;
  const status = textAt(order, 'status');
  const orderId = idAt(order, 'number') ?? idAt(order, 'id');
  const wooId = idAt(order, 'id');
  if (wooId === undefined) return ignored('the order has no id');
  const emit = (type: DomainTopicName, at: string, data: Json) => event(`${idPrefix}${wooId}:${type}`, type, at, data);
  const time =
    timeAt(order, 'date_modified_gmt', true) ?? timeAt(order, 'date_created_gmt', true) ?? w.receivedAt.toISOString();
  const customer = orderCustomer(order);
  const amount = decimalAt(order, 'total');
  const currency = textAt(order, 'currency');
  const total = amount !== undefined && currency !== undefined ? { amount, currency } : undefined;
  if (w.topic === 'order.created' || status === 'processing') {
    if (w.topic === 'order.created' && (status === 'cancelled' || status === 'failed'))
      return ignored(`created with status ${status}`);
    return emit(
      Topics.OrderPlaced,
      timeAt(order, 'date_created_gmt', true) ?? time,
      pruned({ orderId, customer, total }),
    );
  }
  if (status === 'completed') {
    const shipment = trackingOf(order);
    if (shipment !== undefined) return emit(Topics.OrderShipped, time, { orderId, customer, shipment });
    const deliveredAt = timeAt(order, 'date_completed_gmt', true) ?? time;
    return emit(Topics.OrderDelivered, deliveredAt, { orderId, customer, deliveredAt });
  }
  if (status === 'cancelled') return emit(Topics.OrderCancelled, time, { orderId, customer });
  return ignored(`status ${status ?? 'missing'} sends nothing`);
}
