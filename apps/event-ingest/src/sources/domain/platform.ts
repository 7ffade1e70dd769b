import { SHOPIFY_TOPIC_HEADER, SHOPIFY_WEBHOOK_ID_HEADER } from './packs/shopify-common';
import { textAt } from './packs/payload-fields';
import type { SignatureInput, SignatureVerdict, WebhookHeaders } from './signatures/signature-check';
import { verifyShopify } from './signatures/shopify.signature';
import { verifyStripe } from './signatures/stripe.signature';
import { verifyWooCommerce } from './signatures/woocommerce.signature';

export const Platforms = ['shopify', 'woocommerce', 'stripe'] as const;
export type Platform = (typeof Platforms)[number];

export const WOOCOMMERCE_TOPIC_HEADER = 'x-wc-webhook-topic';
export const WOOCOMMERCE_DELIVERY_HEADER = 'x-wc-webhook-delivery-id';

export interface PlatformOptions {
  stripeToleranceSeconds: number;
}

/** How each platform signs, names its topic and identifies a delivery. */
export interface PlatformSpec {
  verify(input: SignatureInput, options: PlatformOptions): SignatureVerdict;
  topicOf(headers: WebhookHeaders, payload: Record<string, unknown>): string | undefined;
  /** Stable across the platform's retries of one delivery; the CloudEvent id. */
  deliveryIdOf(headers: WebhookHeaders, payload: Record<string, unknown>): string | undefined;
}

export const PLATFORMS: Readonly<Record<Platform, PlatformSpec>> = {
  shopify: {
    verify: (input) => verifyShopify(input),
    topicOf: (headers) => headers[SHOPIFY_TOPIC_HEADER],
    deliveryIdOf: (headers) => headers[SHOPIFY_WEBHOOK_ID_HEADER],
  },
  woocommerce: {
    verify: (input) => verifyWooCommerce(input),
    topicOf: (headers) => headers[WOOCOMMERCE_TOPIC_HEADER],
    deliveryIdOf: (headers) => headers[WOOCOMMERCE_DELIVERY_HEADER],
  },
  stripe: {
    verify: (input, options) => verifyStripe(input, options.stripeToleranceSeconds),
    // The event object: { id: "evt_...", type: "invoice.payment_failed", data: { object } }.
    topicOf: (_headers, payload) => textAt(payload, 'type'),
    deliveryIdOf: (_headers, payload) => textAt(payload, 'id'),
  },
};
