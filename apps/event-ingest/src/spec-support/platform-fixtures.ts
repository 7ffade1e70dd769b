// Payloads shaped after each platform's documented examples: Shopify's webhook reference samples
// (orders/create, fulfillments/*, customers/create), WooCommerce's REST v3 order object, Stripe's
// Event object around a PaymentIntent / Invoice. Numbers are fictional test ranges.

type Json = Record<string, unknown>;

export function shopifyOrder(over: Json = {}): Json {
  return {
    id: 820982911946154500,
    name: '#9999',
    order_number: 1234,
    email: 'jon@example.com',
    phone: null,
    created_at: '2026-12-05T03:00:00-05:00',
    currency: 'USD',
    presentment_currency: 'USD',
    total_price: '403.00',
    total_price_set: {
      shop_money: { amount: '403.00', currency_code: 'USD' },
      presentment_money: { amount: '403.00', currency_code: 'USD' },
    },
    customer_locale: 'en',
    order_status_url: 'https://jsmith.myshopify.com/548380009/orders/123456abcd/authenticate?key=abcdefg',
    cancel_reason: null,
    cancelled_at: null,
    customer: {
      id: 115310627314723950,
      email: 'john@example.com',
      first_name: 'John',
      last_name: 'Smith',
      phone: '+1 613-555-0142',
      default_address: {
        id: 715243470612851200,
        first_name: 'John',
        last_name: 'Smith',
        phone: '123-123-1234',
        country: 'Canada',
        country_code: 'CA',
      },
    },
    shipping_address: {
      first_name: 'Steve',
      last_name: 'Shipper',
      address1: '123 Shipping Street',
      phone: '(613) 555-0143',
      city: 'Ottawa',
      zip: 'K1A 0B1',
      country: 'Canada',
      country_code: 'CA',
    },
    billing_address: {
      first_name: 'Steve',
      last_name: 'Biller',
      address1: '123 Billing Street',
      phone: '613 555 0144',
      city: 'Ottawa',
      zip: 'K1A 0B1',
      country: 'Canada',
      country_code: 'CA',
    },
    line_items: [
      { id: 1, title: 'IPod Nano - 8GB', name: 'IPod Nano - 8GB', quantity: 1, price: '199.00' },
      { id: 2, title: 'IPod Nano - 8GB', name: 'IPod Nano - 8GB - Pink', quantity: 2, price: '102.00' },
    ],
    ...over,
  };
}

export function shopifyFulfillment(over: Json = {}): Json {
  return {
    id: 123456,
    order_id: 820982911946154500,
    status: 'pending',
    created_at: '2026-12-05T03:10:00-05:00',
    updated_at: '2026-12-05T03:10:00-05:00',
    service: 'manual',
    tracking_company: 'UPS',
    shipment_status: null,
    email: 'jon@example.com',
    destination: {
      first_name: 'Steve',
      last_name: 'Shipper',
      address1: '123 Shipping Street',
      phone: '555-555-SHIP',
      city: 'Shippington',
      zip: '40003',
      country: 'United States',
      country_code: 'US',
    },
    tracking_number: '1Z2345',
    tracking_numbers: ['1Z2345'],
    tracking_url: 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z2345',
    tracking_urls: ['https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z2345'],
    name: '#9999.1',
    line_items: [],
    ...over,
  };
}

export function shopifyCustomer(over: Json = {}): Json {
  return {
    id: 706405506930370000,
    email: 'bob@biller.com',
    created_at: '2026-12-05T03:20:00-05:00',
    first_name: 'Bob',
    last_name: 'Biller',
    phone: null,
    default_address: {
      id: 1,
      customer_id: 706405506930370000,
      first_name: null,
      last_name: null,
      address1: '123 Elm St.',
      city: 'Ottawa',
      country: 'Canada',
      country_code: 'CA',
      phone: '555-555-5555',
      default: true,
    },
    ...over,
  };
}

export function wooOrder(over: Json = {}): Json {
  return {
    id: 727,
    parent_id: 0,
    number: '727',
    status: 'processing',
    currency: 'EUR',
    date_created_gmt: '2026-12-05T08:00:00',
    date_modified_gmt: '2026-12-05T08:00:00',
    date_completed_gmt: null,
    total: '29.35',
    customer_id: 0,
    billing: {
      first_name: 'Amélie',
      last_name: 'Durand',
      company: '',
      address_1: '12 rue de la Paix',
      city: 'Paris',
      postcode: '75002',
      country: 'FR',
      email: 'amelie@example.com',
      phone: '06 12 34 56 78',
    },
    shipping: {
      first_name: 'Amélie',
      last_name: 'Durand',
      address_1: '12 rue de la Paix',
      city: 'Paris',
      postcode: '75002',
      country: 'FR',
      phone: '',
    },
    line_items: [{ id: 315, name: 'Woo Single #1', product_id: 93, quantity: 2, total: '6.00' }],
    meta_data: [],
    ...over,
  };
}

export function stripeEvent(type: string, object: Json, over: Json = {}): Json {
  return {
    id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
    object: 'event',
    api_version: '2024-06-20',
    created: 1796439600,
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
    ...over,
  };
}

export function stripePaymentIntent(over: Json = {}): Json {
  return {
    id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
    object: 'payment_intent',
    amount: 2000,
    currency: 'usd',
    customer: 'cus_NffrFeUfNV2Hib',
    status: 'requires_payment_method',
    metadata: { order_id: '6735' },
    shipping: {
      name: 'Jenny Rosen',
      phone: '+12025550143',
      address: { city: 'Washington', country: 'US', line1: '1 Main St', postal_code: '20001', state: 'DC' },
    },
    last_payment_error: {
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      type: 'card_error',
      payment_method: { id: 'pm_1', billing_details: { name: 'Jenny Rosen', phone: null, address: { country: 'US' } } },
    },
    ...over,
  };
}

export function stripeInvoice(over: Json = {}): Json {
  return {
    id: 'in_1MtHbELkdIwHu7ixl4OzzPMv',
    object: 'invoice',
    number: 'A1B2C3D-0001',
    amount_due: 4990,
    currency: 'eur',
    customer: 'cus_NeZwdNtLEOXuvB',
    customer_name: 'Amélie Durand',
    customer_phone: '+33 6 12 34 56 78',
    customer_address: { country: 'FR' },
    customer_shipping: null,
    hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1/test_YWNjdF8x',
    attempt_count: 1,
    status: 'open',
    metadata: {},
    ...over,
  };
}
