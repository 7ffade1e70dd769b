import type { MappingResult, VerifiedWebhook } from './mapped-event';
import { shopifyMarketingConsent } from './packs/shopify-consent.pack';
import { shopifyCustomerCreated } from './packs/shopify-customers.pack';
import { shopifyFulfillmentCreated, shopifyFulfillmentUpdated } from './packs/shopify-fulfillments.pack';
import { shopifyOrderCancelled, shopifyOrderCreated } from './packs/shopify-orders.pack';
import { stripeInvoiceFailed, stripePaymentIntentFailed } from './packs/stripe-payments.pack';
import { wooOrder } from './packs/woocommerce-orders.pack';
import type { Platform } from './platform';

/** What a mapper knows besides the webhook: the platform's delivery/event id and the source. */
export interface MappingContext {
  deliveryId: string;
  sourceId: string;
  brand: string;
}

export type PackMapper = (webhook: VerifiedWebhook, ctx: MappingContext) => MappingResult;

export interface MappingPack {
  name: string;
  platform: Platform;
  /** Platform topic -> mapper; a topic not listed is answered 200 and counted as unmapped. */
  topics: Readonly<Record<string, PackMapper>>;
}

const packs: readonly MappingPack[] = [
  {
    name: 'shopify.v1',
    platform: 'shopify',
    topics: {
      'orders/create': (w, c) => shopifyOrderCreated(w, c.deliveryId),
      'orders/cancelled': (w, c) => shopifyOrderCancelled(w, c.deliveryId),
      'fulfillments/create': (w, c) => shopifyFulfillmentCreated(w, c.deliveryId),
      'fulfillments/update': (w, c) => shopifyFulfillmentUpdated(w, c.deliveryId),
      'customers/create': (w, c) => shopifyCustomerCreated(w, c.deliveryId, c.brand),
      'customers_marketing_consent/update': (w) => shopifyMarketingConsent(w),
    },
  },
  {
    name: 'woocommerce.v1',
    platform: 'woocommerce',
    topics: {
      'order.created': (w, c) => wooOrder(w, `${c.sourceId}:order-`),
      'order.updated': (w, c) => wooOrder(w, `${c.sourceId}:order-`),
    },
  },
  {
    name: 'stripe.v1',
    platform: 'stripe',
    topics: {
      'payment_intent.payment_failed': (w, c) => stripePaymentIntentFailed(w, c.deliveryId),
      'invoice.payment_failed': (w, c) => stripeInvoiceFailed(w, c.deliveryId),
    },
  },
];

export const MAPPING_PACKS: ReadonlyMap<string, MappingPack> = new Map(packs.map((p) => [p.name, p]));

export function mapWebhook(pack: MappingPack, webhook: VerifiedWebhook, ctx: MappingContext): MappingResult {
  const mapper = Object.hasOwn(pack.topics, webhook.topic) ? pack.topics[webhook.topic] : undefined;
  return mapper === undefined ? { kind: 'unmapped' } : mapper(webhook, ctx);
}
