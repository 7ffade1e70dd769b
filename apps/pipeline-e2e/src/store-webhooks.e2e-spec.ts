import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { KafkaProbe, waitFor } from '@herald/testing';
import { DlqTap } from './support/dlq-tap';
import { Pipeline } from './support/pipeline';
import { scrape } from './support/metrics-scrape';
import { ReceiptWatcher } from './support/receipt-watcher';
import { SimulatorClient } from './support/simulator-client';
import { E2E_INGEST_KEY, e2eEnv } from './support/e2e-env';
import { frenchMobile } from './support/fixtures';

// Issue 23: Shopify, WooCommerce and Stripe webhooks posted as each platform signs them (computed
// here with node:crypto from the platforms' documented recipes, not with Herald's code) to the
// running event-ingest, followed to a final receipt.
const SECRETS = {
  shopify: 'shpss_e2e_0123456789abcdef',
  woo: 'wc_e2e_0123456789abcdef',
  stripe: 'whsec_e2e_0123456789abcdef',
};
const b64hmac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64');
const stripeHeader = (secret: string, body: string, t = Math.floor(Date.now() / 1000)) =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

interface Answer {
  status: string;
  messageIds?: string[];
  reason?: string;
  error?: string;
}

describe('store webhooks in, SMS out (separate processes, judged from outside)', () => {
  const probe = new KafkaProbe();
  const watcher = new ReceiptWatcher(probe);
  const dlq = new DlqTap(probe);
  const simulator = new SimulatorClient();
  let pipeline: Pipeline;

  const post = async (source: string, body: string, headers: Record<string, string>) => {
    const res = await fetch(pipeline.url('event-ingest', `/v1/sources/${source}`), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const shopify = (topic: string, payload: object, webhookId = randomUUID(), secret = SECRETS.shopify) => {
    const body = JSON.stringify(payload);
    return post('shopify-dev', body, {
      'x-shopify-topic': topic,
      'x-shopify-webhook-id': webhookId,
      'x-shopify-hmac-sha256': b64hmac(secret, body),
      'x-shopify-shop-domain': 'e2e.myshopify.com',
    });
  };
  const woo = (topic: string, payload: object) => {
    const body = JSON.stringify(payload);
    return post('woocommerce-dev', body, {
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-delivery-id': randomUUID(),
      'x-wc-webhook-signature': b64hmac(SECRETS.woo, body),
    });
  };
  const stripe = (body: string, header = stripeHeader(SECRETS.stripe, body)) =>
    post('stripe-dev', body, { 'stripe-signature': header });
  /** One SMS at the carrier and one final receipt for the message. */
  const oneSms = async (messageId: string) => {
    const final = await waitFor(`a final receipt for ${messageId}`, () => watcher.finals(messageId)[0], 60_000);
    expect(final.state).toBe('delivered');
    expect(await simulator.submits({ reference: messageId })).toHaveLength(1);
    return final;
  };

  beforeAll(async () => {
    pipeline = await Pipeline.start(
      e2eEnv({
        INGEST_SOURCE_SECRETS: `shopify-dev:${SECRETS.shopify},woocommerce-dev:${SECRETS.woo},stripe-dev:${SECRETS.stripe}`,
        INGEST_COMPLIANCE_TOKEN: 'e2e-ingest-compliance-0123',
        COMPLIANCE_ADMIN_TOKENS: 'e2e:e2e-compliance-admin-0123,event-ingest:e2e-ingest-compliance-0123',
      }),
    );
    await Promise.all([watcher.start(), dlq.start()]);
    // The simulator's default mix ends 5 % of messages undelivered, expired or rejected; this suite
    // judges the webhook path, so every SMS that reaches the carrier is delivered.
    await simulator.configure({ outcomeMix: { DELIVRD: 1 } });
  });
  afterAll(async () => {
    await Promise.all([watcher.stop(), dlq.stop()]);
    await pipeline?.stop();
    await probe.close();
  });

  it('Shopify orders/create: one SMS however often Shopify redelivers it', async () => {
    const order = {
      id: randomInt(1e9),
      name: `#E2E${randomInt(1e6)}`,
      created_at: new Date().toISOString(),
      currency: 'EUR',
      total_price: '49.90',
      customer_locale: 'fr',
      customer: { id: 1, first_name: 'Amélie', phone: frenchMobile(randomInt(1e7)) },
      line_items: [{ name: 'Théière', quantity: 1 }],
    };
    const webhookId = randomUUID();
    const first = await shopify('orders/create', order, webhookId);
    expect(first).toMatchObject({ status: 200, body: { status: 'accepted', type: 'order.placed' } });
    const again = await shopify('orders/create', order, webhookId);
    expect(again).toMatchObject({ status: 200, body: { status: 'duplicate', messageIds: first.body.messageIds } });
    const final = await oneSms(first.body.messageIds?.[0] as string);
    expect(final).toMatchObject({ sourceEventType: 'order.placed', sourceEventId: webhookId });
  });

  it('WooCommerce order.created then order.updated to processing: one order.placed SMS', async () => {
    const order = {
      id: randomInt(1e9),
      number: String(randomInt(1e6)),
      status: 'processing',
      currency: 'EUR',
      total: '29.35',
      date_created_gmt: new Date().toISOString().slice(0, 19),
      billing: { first_name: 'Amélie', country: 'FR', phone: frenchMobile(randomInt(1e7)).replace('+33', '0') },
      shipping: { country: 'FR', phone: '' },
    };
    const created = await woo('order.created', order);
    expect(created).toMatchObject({ status: 200, body: { status: 'accepted', type: 'order.placed' } });
    expect(await woo('order.updated', order)).toMatchObject({
      status: 200,
      body: { status: 'duplicate', messageIds: created.body.messageIds },
    });
    await oneSms(created.body.messageIds?.[0] as string);
  });

  it('Stripe invoice.payment_failed: one payment.failed SMS; the same evt_ redelivered is a duplicate', async () => {
    const event = {
      id: `evt_e2e${randomUUID().replace(/-/g, '')}`,
      object: 'event',
      type: 'invoice.payment_failed',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: 'in_e2e',
          number: 'E2E-0001',
          amount_due: 4990,
          currency: 'eur',
          customer: 'cus_e2e',
          customer_name: 'Amélie Durand',
          customer_phone: frenchMobile(randomInt(1e7)),
          customer_address: { country: 'FR' },
          hosted_invoice_url: 'https://invoice.stripe.com/i/e2e',
        },
      },
    };
    const body = JSON.stringify(event);
    const first = await stripe(body);
    expect(first).toMatchObject({ status: 200, body: { status: 'accepted', type: 'payment.failed' } });
    expect(await stripe(body)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    await oneSms(first.body.messageIds?.[0] as string);
  });

  it('refuses a tampered body, a wrong secret, an expired Stripe timestamp and an unknown source with the same 401, emitting nothing', async () => {
    const order = {
      id: 1,
      name: '#E2E-401',
      created_at: new Date().toISOString(),
      customer: { phone: frenchMobile(1) },
    };
    const body = JSON.stringify(order);
    const tampered = await post('shopify-dev', body.replace('#E2E-401', '#E2E-402'), {
      'x-shopify-topic': 'orders/create',
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-hmac-sha256': b64hmac(SECRETS.shopify, body),
    });
    const wrongSecret = await shopify('orders/create', order, randomUUID(), 'shpss_not_the_secret_000');
    const stripeBody = JSON.stringify({ id: 'evt_e2e_expired', type: 'invoice.payment_failed', data: { object: {} } });
    const expired = await stripe(
      stripeBody,
      stripeHeader(SECRETS.stripe, stripeBody, Math.floor(Date.now() / 1000) - 301),
    );
    const unknown = await post('no-such-shop', body, {
      'x-shopify-topic': 'orders/create',
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-hmac-sha256': b64hmac(SECRETS.shopify, body),
    });
    for (const answer of [tampered, wrongSecret, expired, unknown]) {
      expect(answer).toEqual({
        status: 401,
        body: {
          error: 'UNAUTHORIZED',
          message: 'the webhook signature does not verify for this source',
          fields: [{ field: 'signature', reason: expect.any(String) }],
        },
      });
    }
    expect(unknown.body).toEqual(wrongSecret.body);
    expect(watcher.messagesOf('evt_e2e_expired')).toEqual([]);
    // The same size limit as /v1/events (INGEST_MAX_BODY_BYTES, 64 KiB by default), before any check.
    const huge = JSON.stringify({ id: 3, note: 'x'.repeat(70_000) });
    expect((await post('shopify-dev', huge, { 'x-shopify-hmac-sha256': b64hmac(SECRETS.shopify, huge) })).status).toBe(
      413,
    );
  });

  it("answers WooCommerce's unsigned ping on saving a webhook with 200, so the webhook can be saved", async () => {
    const res = await fetch(pipeline.url('event-ingest', '/v1/sources/woocommerce-dev'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'webhook_id=12',
    });
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 200,
      body: { status: 'ping', topic: 'ping' },
    });
  });

  it('answers 200 to a topic it does not map (counted) and dead-letters an order without any phone, with the reason', async () => {
    expect(await shopify('products/update', { id: 1, title: 'Théière' })).toMatchObject({
      status: 200,
      body: { status: 'unmapped', topic: 'products/update' },
    });
    const noPhone = await shopify('orders/create', {
      id: 2,
      name: '#E2E-NOPHONE',
      created_at: new Date().toISOString(),
      total_price: '1.00',
      currency: 'EUR',
      customer: { first_name: 'Ana' },
    });
    expect(noPhone).toMatchObject({
      status: 200,
      body: { status: 'dead-lettered', reason: expect.stringContaining('MISSING_RECIPIENT') },
    });
    await waitFor(
      'the dead letter',
      () => dlq.entries.find((e) => e.topic === 'order.placed.dlq' && e.key === '#E2E-NOPHONE'),
      30_000,
    );
    expect(dlq.entries.find((e) => e.key === '#E2E-NOPHONE')).toMatchObject({
      code: 'MISSING_RECIPIENT',
      reason: expect.stringContaining('no phone number in the orders/create webhook'),
    });
    const counted = await scrape(
      pipeline.managementUrl('event-ingest', '/metrics'),
      'herald_event_ingest_source_webhooks_total',
    );
    expect(
      counted.find(
        (s) =>
          s.labels['source'] === 'shopify-dev' &&
          s.labels['topic'] === 'products/update' &&
          s.labels['outcome'] === 'unmapped',
      )?.value,
    ).toBe(1);
  });

  it('records the SMS marketing consent Shopify collected, so a promotional SMS for the shop brand goes out, and its withdrawal', async () => {
    const phone = frenchMobile(randomInt(1e7));
    const consent = (state: string) =>
      shopify('customers_marketing_consent/update', {
        id: randomInt(1e9),
        phone,
        email_address: null,
        sms_marketing_consent: {
          state,
          opt_in_level: 'single_opt_in',
          consent_updated_at: new Date().toISOString(),
          consent_collected_from: 'SHOPIFY',
        },
      });
    const promote = async () => {
      const res = await fetch(pipeline.url('event-ingest', '/v1/notifications'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_INGEST_KEY}` },
        body: JSON.stringify({
          templateKey: 'customer.registered',
          category: 'promotional',
          to: phone,
          brand: 'maison-durand',
          locale: 'fr-FR',
          variables: { customer: { firstName: 'Amélie' } },
        }),
      });
      const messageId = ((await res.json()) as { messageIds: string[] }).messageIds[0];
      return waitFor(`a final receipt for ${messageId}`, () => watcher.finals(messageId)[0], 60_000);
    };
    expect(await consent('subscribed')).toMatchObject({ status: 200, body: { status: 'consent', consent: 'granted' } });
    expect(await promote()).toMatchObject({ state: 'delivered' });
    expect(await consent('unsubscribed')).toMatchObject({
      status: 200,
      body: { status: 'consent', consent: 'revoked' },
    });
    expect(await promote()).toMatchObject({ state: 'suppressed', reasonCode: 'NO_CONSENT' });
  });
});
