import type { DomainTopicName } from '@herald/contracts';
import { validateEventData } from '../../domain/event-data.validation';
import {
  shopifyCustomer,
  shopifyFulfillment,
  shopifyOrder,
  stripeEvent,
  stripeInvoice,
  stripePaymentIntent,
  wooOrder,
} from '../../spec-support/platform-fixtures';
import type { MappingResult } from './mapped-event';
import { MAPPING_PACKS, mapWebhook } from './mapping-packs';
import { stripeMoney } from './packs/stripe-payments.pack';

const receivedAt = new Date('2026-12-05T09:00:00Z');
const map = (
  pack: string,
  topic: string,
  payload: Record<string, unknown>,
  deliveryId = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
) =>
  mapWebhook(
    MAPPING_PACKS.get(pack)!,
    { topic, headers: {}, payload, receivedAt },
    { deliveryId, sourceId: 'shop-a', brand: 'maison-durand' },
  );
const eventOf = (r: MappingResult) => {
  if (r.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(r)}`);
  return r.event;
};
/** The mapped data passes the Herald contract of its type (only with a phone: without, it is dead-lettered before). */
const valid = (r: MappingResult) => {
  const e = eventOf(r);
  expect(validateEventData(e.type as DomainTopicName, e.data)).toMatchObject({ ok: true });
  return e;
};

describe('Shopify pack (shopify.v1)', () => {
  it('orders/create -> order.placed with the customer phone, its home country, locale, presentment money, items', () => {
    expect(valid(map('shopify.v1', 'orders/create', shopifyOrder()))).toEqual({
      id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      type: 'order.placed',
      time: '2026-12-05T08:00:00.000Z',
      subject: '#9999',
      data: {
        orderId: '#9999',
        customer: {
          id: '115310627314723950',
          firstName: 'John',
          lastName: 'Smith',
          phone: '+1 613-555-0142',
          locale: 'en',
          country: 'CA',
        },
        total: { amount: '403.00', currency: 'USD' },
        items: [
          { name: 'IPod Nano - 8GB', quantity: 1 },
          { name: 'IPod Nano - 8GB - Pink', quantity: 2 },
        ],
        trackingUrl: 'https://jsmith.myshopify.com/548380009/orders/123456abcd/authenticate?key=abcdefg',
      },
    });
  });

  it('takes the shipping phone when the customer has none, then the billing phone, each with its own country', () => {
    const order = shopifyOrder({ customer: { ...(shopifyOrder()['customer'] as object), phone: null } });
    expect(eventOf(map('shopify.v1', 'orders/create', order)).data['customer']).toMatchObject({
      phone: '(613) 555-0143',
      country: 'CA',
    });
    const billingOnly = shopifyOrder({
      customer: null,
      shipping_address: null,
      billing_address: { first_name: 'Hélène', phone: '06 12 34 56 78', country: 'France', country_code: 'FR' },
    });
    expect(eventOf(map('shopify.v1', 'orders/create', billingOnly)).data['customer']).toEqual({
      firstName: 'Hélène',
      phone: '06 12 34 56 78',
      locale: 'en',
      country: 'FR',
    });
  });

  it('multi-currency: the amount the buyer saw (presentment money), not the shop currency; a German buyer keeps de-DE', () => {
    const order = shopifyOrder({
      customer_locale: 'de-DE',
      currency: 'USD',
      total_price: '54.20',
      total_price_set: {
        shop_money: { amount: '54.20', currency_code: 'USD' },
        presentment_money: { amount: '49.95', currency_code: 'EUR' },
      },
      customer: { id: 7, first_name: 'Jürgen', phone: '+49 1512 3456789', default_address: { country_code: 'DE' } },
    });
    expect(valid(map('shopify.v1', 'orders/create', order)).data).toMatchObject({
      total: { amount: '49.95', currency: 'EUR' },
      customer: { firstName: 'Jürgen', phone: '+49 1512 3456789', locale: 'de-DE', country: 'DE' },
    });
  });

  it('an order with no phone anywhere maps to a customer without phone (dead-lettered as MISSING_RECIPIENT by the use case)', () => {
    const order = shopifyOrder({
      customer: { id: 1, first_name: 'Ana', phone: null },
      shipping_address: null,
      billing_address: { country_code: 'ES', phone: null },
    });
    expect(eventOf(map('shopify.v1', 'orders/create', order)).data['customer']).toEqual({
      id: '1',
      firstName: 'Ana',
      locale: 'en',
      country: 'ES',
    });
  });

  it('orders/cancelled -> order.cancelled with the cancel reason and cancellation time', () => {
    const order = shopifyOrder({ cancel_reason: 'customer', cancelled_at: '2026-12-05T04:00:00-05:00' });
    expect(valid(map('shopify.v1', 'orders/cancelled', order))).toMatchObject({
      type: 'order.cancelled',
      time: '2026-12-05T09:00:00.000Z',
      data: { orderId: '#9999', reason: 'customer', customer: { phone: '+1 613-555-0142' } },
    });
  });

  it('fulfillments/create -> order.shipped with carrier, number and tracking URL; the phone from the destination', () => {
    const f = shopifyFulfillment({
      destination: { first_name: 'Steve', phone: '+1 202-555-0143', country_code: 'US' },
    });
    expect(valid(map('shopify.v1', 'fulfillments/create', f))).toEqual({
      id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      type: 'order.shipped',
      time: '2026-12-05T08:10:00.000Z',
      subject: '#9999',
      data: {
        orderId: '#9999',
        customer: { firstName: 'Steve', phone: '+1 202-555-0143', country: 'US' },
        shipment: {
          carrier: 'UPS',
          trackingNumber: '1Z2345',
          trackingUrl: 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z2345',
        },
      },
    });
  });

  it('fulfillments/create without tracking number maps to an order.shipped the contract refuses (dead-lettered with the reason)', () => {
    const f = shopifyFulfillment({
      tracking_number: null,
      tracking_numbers: [],
      tracking_company: null,
      destination: { phone: '+1 202-555-0143' },
    });
    const e = eventOf(map('shopify.v1', 'fulfillments/create', f));
    expect(e.data['shipment']).toEqual({
      carrier: 'Other',
      trackingUrl: 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z2345',
    });
    expect(validateEventData('order.shipped', e.data)).toMatchObject({ ok: false });
  });

  it('fulfillments/update -> order.delivered only once shipment_status is delivered', () => {
    const delivered = shopifyFulfillment({
      shipment_status: 'delivered',
      updated_at: '2026-12-07T15:00:00+01:00',
      destination: { phone: '+33 6 12 34 56 78', country_code: 'FR' },
    });
    expect(valid(map('shopify.v1', 'fulfillments/update', delivered))).toMatchObject({
      type: 'order.delivered',
      time: '2026-12-07T14:00:00.000Z',
      data: {
        orderId: '#9999',
        deliveredAt: '2026-12-07T14:00:00.000Z',
        customer: { phone: '+33 6 12 34 56 78', country: 'FR' },
      },
    });
    expect(map('shopify.v1', 'fulfillments/update', shopifyFulfillment({ shipment_status: 'in_transit' }))).toEqual({
      kind: 'ignored',
      reason: 'shipment_status is in_transit, not delivered',
    });
  });

  it('customers/create -> customer.registered for the source brand, phone from the customer then the default address', () => {
    expect(valid(map('shopify.v1', 'customers/create', shopifyCustomer({ phone: '+16135550142' })))).toMatchObject({
      type: 'customer.registered',
      subject: '706405506930370000',
      data: {
        brand: 'maison-durand',
        customer: {
          id: '706405506930370000',
          firstName: 'Bob',
          lastName: 'Biller',
          phone: '+16135550142',
          country: 'CA',
        },
      },
    });
    expect(eventOf(map('shopify.v1', 'customers/create', shopifyCustomer())).data['customer']).toMatchObject({
      phone: '555-555-5555',
      country: 'CA',
    });
  });

  it('customers_marketing_consent/update (API 2025-01+): subscribed grants, unsubscribed and redacted revoke, others record nothing', () => {
    const update = (state: string, over: Record<string, unknown> = {}) =>
      map('shopify.v1', 'customers_marketing_consent/update', {
        id: 706405506930370000,
        phone: '+33612345678',
        email_address: null,
        sms_marketing_consent: {
          state,
          opt_in_level: 'single_opt_in',
          consent_updated_at: '2026-12-05T04:00:00+01:00',
          consent_collected_from: 'SHOPIFY',
        },
        ...over,
      });
    expect(update('subscribed')).toEqual({
      kind: 'consent',
      consent: { phone: '+33612345678', granted: true, at: '2026-12-05T03:00:00.000Z', collectedFrom: 'SHOPIFY' },
    });
    expect(update('unsubscribed')).toMatchObject({ kind: 'consent', consent: { granted: false } });
    expect(update('redacted')).toMatchObject({ kind: 'consent', consent: { granted: false } });
    expect(update('pending')).toEqual({
      kind: 'ignored',
      reason: 'sms_marketing_consent.state pending records nothing',
    });
    expect(update('subscribed', { phone: null })).toEqual({
      kind: 'ignored',
      reason: 'no phone: an SMS consent without a number cannot be recorded',
    });
    expect(update('subscribed', { sms_marketing_consent: null })).toMatchObject({ kind: 'ignored' });
  });

  it('customers/create from an API version before 2025-01 also carries the consent (legacy sms_marketing_consent field)', () => {
    const legacy = shopifyCustomer({
      phone: '+16135550142',
      sms_marketing_consent: {
        state: 'subscribed',
        opt_in_level: 'confirmed_opt_in',
        consent_updated_at: null,
        consent_collected_from: 'OTHER',
      },
    });
    const result = map('shopify.v1', 'customers/create', legacy);
    expect(result).toMatchObject({
      kind: 'event',
      event: { type: 'customer.registered' },
      consent: { phone: '+16135550142', country: 'CA', granted: true, collectedFrom: 'OTHER' },
    });
    expect(map('shopify.v1', 'customers/create', shopifyCustomer({ phone: '+16135550142' }))).not.toHaveProperty(
      'consent',
    );
  });

  it('a topic the pack does not map is unmapped', () => {
    expect(map('shopify.v1', 'products/update', { id: 1 })).toEqual({ kind: 'unmapped' });
    expect(map('shopify.v1', 'constructor', { id: 1 })).toEqual({ kind: 'unmapped' });
  });
});

describe('WooCommerce pack (woocommerce.v1)', () => {
  it('order.created -> order.placed, billing phone read as French, id stable per order and event type', () => {
    expect(valid(map('woocommerce.v1', 'order.created', wooOrder()))).toEqual({
      id: 'shop-a:order-727:order.placed',
      type: 'order.placed',
      time: '2026-12-05T08:00:00.000Z',
      subject: '727',
      data: {
        orderId: '727',
        customer: { firstName: 'Amélie', lastName: 'Durand', phone: '06 12 34 56 78', country: 'FR' },
        total: { amount: '29.35', currency: 'EUR' },
      },
    });
  });

  it('order.updated to processing is the same order.placed (one SMS), the shipping phone wins over billing', () => {
    const updated = wooOrder({
      shipping: { first_name: 'Ana', country: 'ES', phone: '+34 612 345 678' },
      date_modified_gmt: '2026-12-05T08:05:00',
    });
    const e = valid(map('woocommerce.v1', 'order.updated', updated));
    expect(e.id).toBe('shop-a:order-727:order.placed');
    expect(e.data['customer']).toMatchObject({ firstName: 'Ana', phone: '+34 612 345 678', country: 'ES' });
  });

  it('completed -> order.shipped with Shipment Tracking meta, else order.delivered at date_completed_gmt', () => {
    const tracking = {
      key: '_wc_shipment_tracking_items',
      value: [
        {
          tracking_provider: 'colissimo',
          tracking_number: '6A12345678901',
          custom_tracking_link: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
        },
      ],
    };
    expect(
      valid(map('woocommerce.v1', 'order.updated', wooOrder({ status: 'completed', meta_data: [tracking] }))),
    ).toMatchObject({
      id: 'shop-a:order-727:order.shipped',
      type: 'order.shipped',
      data: {
        shipment: {
          carrier: 'colissimo',
          trackingNumber: '6A12345678901',
          trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
        },
      },
    });
    expect(
      valid(
        map(
          'woocommerce.v1',
          'order.updated',
          wooOrder({ status: 'completed', date_completed_gmt: '2026-12-06T10:00:00' }),
        ),
      ),
    ).toMatchObject({
      id: 'shop-a:order-727:order.delivered',
      type: 'order.delivered',
      data: { deliveredAt: '2026-12-06T10:00:00.000Z' },
    });
  });

  it('cancelled -> order.cancelled; other statuses send nothing; a WPML language becomes the locale', () => {
    const cancelled = wooOrder({
      status: 'cancelled',
      meta_data: [{ key: 'wpml_language', value: 'fr' }],
      currency: 'CHF',
    });
    expect(valid(map('woocommerce.v1', 'order.updated', cancelled))).toMatchObject({
      id: 'shop-a:order-727:order.cancelled',
      type: 'order.cancelled',
      data: { customer: { locale: 'fr' } },
    });
    expect(map('woocommerce.v1', 'order.updated', wooOrder({ status: 'on-hold' }))).toEqual({
      kind: 'ignored',
      reason: 'status on-hold sends nothing',
    });
    expect(map('woocommerce.v1', 'product.updated', { id: 1 })).toEqual({ kind: 'unmapped' });
  });

  it('an order without any phone keeps the customer without one', () => {
    const order = wooOrder({ billing: { first_name: 'Li', country: 'SG', phone: '' }, shipping: { country: 'SG' } });
    expect(eventOf(map('woocommerce.v1', 'order.created', order)).data['customer']).toEqual({
      firstName: 'Li',
      country: 'SG',
    });
  });
});

describe('Stripe pack (stripe.v1)', () => {
  it('payment_intent.payment_failed -> payment.failed: evt_ id, minor units as a decimal string, decline message', () => {
    expect(
      valid(
        map(
          'stripe.v1',
          'payment_intent.payment_failed',
          stripeEvent('payment_intent.payment_failed', stripePaymentIntent()),
          'evt_1NG8Du2eZvKYlo2CUI79vXWy',
        ),
      ),
    ).toEqual({
      id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
      type: 'payment.failed',
      time: new Date(1796439600 * 1000).toISOString(),
      subject: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
      data: {
        orderId: '6735',
        customer: { id: 'cus_NffrFeUfNV2Hib', firstName: 'Jenny', phone: '+12025550143', country: 'US' },
        amount: { amount: '20.00', currency: 'USD' },
        reason: 'Your card has insufficient funds.',
      },
    });
  });

  it('falls back to the failed payment method billing phone; zero-decimal currency (JPY)', () => {
    const pi = stripePaymentIntent({ amount: 5000, currency: 'jpy', shipping: null, metadata: {} });
    (
      pi['last_payment_error'] as { payment_method: { billing_details: Record<string, unknown> } }
    ).payment_method.billing_details = { name: 'Yui Sato', phone: '090-1234-5678', address: { country: 'JP' } };
    expect(
      valid(map('stripe.v1', 'payment_intent.payment_failed', stripeEvent('payment_intent.payment_failed', pi))),
    ).toMatchObject({
      data: {
        customer: { firstName: 'Yui', phone: '090-1234-5678', country: 'JP' },
        amount: { amount: '5000', currency: 'JPY' },
      },
    });
  });

  it('invoice.payment_failed -> payment.failed with the invoice number, amount due and hosted invoice page as retry link', () => {
    expect(
      valid(map('stripe.v1', 'invoice.payment_failed', stripeEvent('invoice.payment_failed', stripeInvoice()))),
    ).toMatchObject({
      type: 'payment.failed',
      subject: 'in_1MtHbELkdIwHu7ixl4OzzPMv',
      data: {
        invoiceId: 'A1B2C3D-0001',
        customer: { id: 'cus_NeZwdNtLEOXuvB', firstName: 'Amélie', phone: '+33 6 12 34 56 78', country: 'FR' },
        amount: { amount: '49.90', currency: 'EUR' },
        retryUrl: 'https://invoice.stripe.com/i/acct_1/test_YWNjdF8x',
      },
    });
    const noPhone = stripeEvent('invoice.payment_failed', stripeInvoice({ customer_phone: null }));
    expect(eventOf(map('stripe.v1', 'invoice.payment_failed', noPhone)).data['customer']).toEqual({
      id: 'cus_NeZwdNtLEOXuvB',
      firstName: 'Amélie',
      country: 'FR',
    });
    expect(map('stripe.v1', 'charge.succeeded', stripeEvent('charge.succeeded', {}))).toEqual({ kind: 'unmapped' });
  });

  it('stripeMoney: exact decimal strings for two-, zero- and three-decimal currencies', () => {
    expect(stripeMoney(1999, 'usd')).toEqual({ amount: '19.99', currency: 'USD' });
    expect(stripeMoney(5, 'eur')).toEqual({ amount: '0.05', currency: 'EUR' });
    expect(stripeMoney(500, 'krw')).toEqual({ amount: '500', currency: 'KRW' });
    expect(stripeMoney(12345, 'kwd')).toEqual({ amount: '12.345', currency: 'KWD' });
    expect(stripeMoney(-250, 'gbp')).toEqual({ amount: '-2.50', currency: 'GBP' });
    expect(stripeMoney(1.5, 'usd')).toBeUndefined();
  });
});
