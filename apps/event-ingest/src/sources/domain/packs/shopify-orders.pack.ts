import { Topics } from '@herald/contracts';
import type { MappingResult, VerifiedWebhook } from '../mapped-event';
import { orderCustomer, orderNumberOf } from './shopify-common';
import { decimalAt, objectAt, pruned, textAt, timeAt } from './payload-fields';

type Json = Record<string, unknown>;

/** What the buyer paid in the currency they saw (multi-currency shops), else the shop currency. */
export function shopifyTotal(order: Json): { amount: string; currency: string } | undefined {
  const presentment = objectAt(objectAt(order, 'total_price_set'), 'presentment_money');
  const amount = decimalAt(presentment, 'amount');
  const currency = textAt(presentment, 'currency_code');
  if (amount !== undefined && currency !== undefined) return { amount, currency };
  const shopAmount = decimalAt(order, 'total_price');
  const shopCurrency = textAt(order, 'presentment_currency') ?? textAt(order, 'currency');
  return shopAmount !== undefined && shopCurrency !== undefined
    ? { amount: shopAmount, currency: shopCurrency }
    : undefined;
}

function items(order: Json): Array<{ name: string; quantity: number }> | undefined {
  const lines = Array.isArray(order['line_items']) ? (order['line_items'] as Json[]) : [];
  const out = lines
    .map((l) => ({ name: (textAt(l, 'name') ?? textAt(l, 'title'))?.slice(0, 200), quantity: l?.['quantity'] }))
    .filter(
      (l): l is { name: string; quantity: number } =>
        l.name !== undefined && Number.isInteger(l.quantity) && (l.quantity as number) >= 1,
    )
    .slice(0, 100);
  return out.length > 0 ? out : undefined;
}

/** orders/create -> order.placed. */
export function shopifyOrderCreated(w: VerifiedWebhook, id: string): MappingResult {
  const order = w.payload;
  const orderId = orderNumberOf(order);
  const data = pruned({
    orderId,
    customer: orderCustomer(order),
    total: shopifyTotal(order),
    items: items(order),
    trackingUrl: textAt(order, 'order_status_url', 2048),
  });
  return {
    kind: 'event',
    event: {
      id,
      type: Topics.OrderPlaced,
      time: timeAt(order, 'created_at') ?? w.receivedAt.toISOString(),
      subject: orderId,
      data,
    },
  };
}

/** orders/cancelled -> order.cancelled, with Shopify's cancel_reason (customer, fraud, inventory, declined, other). */
export function shopifyOrderCancelled(w: VerifiedWebhook, id: string): MappingResult {
  const order = w.payload;
  const orderId = orderNumberOf(order);
  const data = pruned({ orderId, customer: orderCustomer(order), reason: textAt(order, 'cancel_reason') });
  return {
    kind: 'event',
    event: {
      id,
      type: Topics.OrderCancelled,
      time: timeAt(order, 'cancelled_at') ?? w.receivedAt.toISOString(),
      subject: orderId,
      data,
    },
  };
}
