import { Topics } from '@herald/contracts';
import { customerOf } from './contact';
import { ignored, type MappingResult, type VerifiedWebhook } from '../mapped-event';
import { addressContact } from './shopify-common';
import { idAt, objectAt, textAt, timeAt } from './payload-fields';

type Json = Record<string, unknown>;

// A fulfillment payload carries no customer: the number is the shipping destination's.
function fulfillmentCustomer(f: Json): Json {
  const destination = objectAt(f, 'destination');
  return customerOf({ firstName: textAt(destination, 'first_name'), lastName: textAt(destination, 'last_name') }, [
    addressContact(destination),
  ]);
}

// `#1001.1` is the first fulfillment of order `#1001`.
function orderIdOf(f: Json): string | undefined {
  return idAt(f, 'name')?.replace(/\.\d+$/, '') ?? idAt(f, 'order_id');
}

function firstOf(f: Json, single: string, list: string): string | undefined {
  const many = f[list];
  return textAt(f, single, 2048) ?? (Array.isArray(many) && typeof many[0] === 'string' ? many[0] : undefined);
}

/** fulfillments/create -> order.shipped with the carrier (`tracking_company`), number and tracking URL. */
export function shopifyFulfillmentCreated(w: VerifiedWebhook, id: string): MappingResult {
  const f = w.payload;
  const orderId = orderIdOf(f);
  const shipment: Json = {
    carrier: textAt(f, 'tracking_company', 64) ?? 'Other',
    trackingNumber: firstOf(f, 'tracking_number', 'tracking_numbers'),
  };
  const trackingUrl = firstOf(f, 'tracking_url', 'tracking_urls');
  if (trackingUrl !== undefined) shipment['trackingUrl'] = trackingUrl;
  if (shipment['trackingNumber'] === undefined) delete shipment['trackingNumber'];
  const data = { orderId, customer: fulfillmentCustomer(f), shipment };
  return {
    kind: 'event',
    event: {
      id,
      type: Topics.OrderShipped,
      time: timeAt(f, 'created_at') ?? w.receivedAt.toISOString(),
      subject: orderId,
      data,
    },
  };
}

/** fulfillments/update -> order.delivered once `shipment_status` is `delivered`; other statuses send nothing. */
export function shopifyFulfillmentUpdated(w: VerifiedWebhook, id: string): MappingResult {
  const f = w.payload;
  const status = textAt(f, 'shipment_status');
  if (status !== 'delivered') return ignored(`shipment_status is ${status ?? 'null'}, not delivered`);
  const orderId = orderIdOf(f);
  const deliveredAt = timeAt(f, 'updated_at') ?? w.receivedAt.toISOString();
  const data = { orderId, customer: fulfillmentCustomer(f), deliveredAt };
  return { kind: 'event', event: { id, type: Topics.OrderDelivered, time: deliveredAt, subject: orderId, data } };
}
