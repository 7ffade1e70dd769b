import { verifyShopify } from './shopify.signature';
import { parseStripeSignature, stripeSignatureHeader, verifyStripe } from './stripe.signature';
import { verifyWooCommerce } from './woocommerce.signature';

// Vectors computed independently (Python hmac + base64/hex), not with the code under test.
const SHOPIFY_BODY = Buffer.from('{"id":820982911946154508,"name":"#9999"}');
const SHOPIFY_HMAC = 'ynR1PMel7WVr1F1xdQeN9vLyaY7o7B3/WRdc5xl3VY8=';
const WOO_BODY = Buffer.from('{"id":727,"status":"processing"}');
const WOO_SIGNATURE = 'oHKVUezLyoZGVtdMpzfwGW0pN6/LrcsobvG9OOnQluY=';
const STRIPE_BODY = Buffer.from('{"id":"evt_test","type":"invoice.payment_failed"}');
const STRIPE_T = 1796439600;
const STRIPE_V1 = 'fa343bbf27016704e611b690da5b05b766e8617ff4f1b4269fdfe4358b989fd4';
const at = (seconds: number) => new Date(seconds * 1000);

describe('Shopify X-Shopify-Hmac-Sha256', () => {
  const check = (header: string | undefined, body = SHOPIFY_BODY, secrets = ['shpss_test_secret']) =>
    verifyShopify({ headers: { 'x-shopify-hmac-sha256': header }, body, secrets, now: new Date() });

  it('accepts the base64 HMAC-SHA256 of the raw body', () => expect(check(SHOPIFY_HMAC)).toEqual({ ok: true }));
  it('accepts it with the old secret during a rotation', () =>
    expect(check(SHOPIFY_HMAC, SHOPIFY_BODY, ['shpss_new_secret', 'shpss_test_secret'])).toEqual({ ok: true }));
  it('refuses a body changed by one byte', () =>
    expect(check(SHOPIFY_HMAC, Buffer.from(SHOPIFY_BODY.toString().replace('9999', '9998')))).toEqual({
      ok: false,
      reason: 'SIGNATURE_MISMATCH',
    }));
  it('refuses another secret', () =>
    expect(check(SHOPIFY_HMAC, SHOPIFY_BODY, ['wrong_secret'])).toEqual({ ok: false, reason: 'SIGNATURE_MISMATCH' }));
  it('refuses a missing header', () => expect(check(undefined)).toEqual({ ok: false, reason: 'MISSING_SIGNATURE' }));
  it('refuses a hex digest (Shopify sends base64)', () =>
    expect(check(Buffer.from(SHOPIFY_HMAC, 'base64').toString('hex') + '!')).toEqual({
      ok: false,
      reason: 'MALFORMED_SIGNATURE',
    }));
  it('refuses everything when the source has no secret', () =>
    expect(check(SHOPIFY_HMAC, SHOPIFY_BODY, [])).toEqual({ ok: false, reason: 'NO_SECRET' }));
});

describe('WooCommerce X-WC-Webhook-Signature', () => {
  const check = (header: string | undefined, body = WOO_BODY, secrets = ['wc_test_secret']) =>
    verifyWooCommerce({ headers: { 'x-wc-webhook-signature': header }, body, secrets, now: new Date() });

  it('accepts base64 HMAC-SHA256 of the payload', () => expect(check(WOO_SIGNATURE)).toEqual({ ok: true }));
  it('refuses a tampered body', () =>
    expect(check(WOO_SIGNATURE, Buffer.from('{"id":727,"status":"completed"}'))).toEqual({
      ok: false,
      reason: 'SIGNATURE_MISMATCH',
    }));
  it('refuses a wrong secret', () =>
    expect(check(WOO_SIGNATURE, WOO_BODY, ['another_secret'])).toEqual({ ok: false, reason: 'SIGNATURE_MISMATCH' }));
  it('refuses a missing or empty header', () => {
    expect(check(undefined)).toEqual({ ok: false, reason: 'MISSING_SIGNATURE' });
    expect(check(' ')).toEqual({ ok: false, reason: 'MISSING_SIGNATURE' });
  });
});

describe('Stripe-Signature', () => {
  const check = (
    header: string | undefined,
    now = at(STRIPE_T + 10),
    body = STRIPE_BODY,
    secrets = ['whsec_test_secret'],
    tolerance?: number,
  ) => verifyStripe({ headers: { 'stripe-signature': header }, body, secrets, now }, tolerance);

  it('accepts t=...,v1=<hex HMAC of "t.body"> within the tolerance', () =>
    expect(check(`t=${STRIPE_T},v1=${STRIPE_V1}`)).toEqual({ ok: true }));
  it('accepts when any of several v1 values matches (Stripe rolling the endpoint secret), ignoring v0', () => {
    const header = `t=${STRIPE_T},v1=${'0'.repeat(64)},v1=${STRIPE_V1},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39`;
    expect(check(header)).toEqual({ ok: true });
  });
  it('refuses a timestamp older than 300 s by default, and honours another tolerance', () => {
    expect(check(`t=${STRIPE_T},v1=${STRIPE_V1}`, at(STRIPE_T + 301))).toEqual({
      ok: false,
      reason: 'TIMESTAMP_OUT_OF_TOLERANCE',
    });
    expect(check(`t=${STRIPE_T},v1=${STRIPE_V1}`, at(STRIPE_T + 300))).toEqual({ ok: true });
    expect(check(`t=${STRIPE_T},v1=${STRIPE_V1}`, at(STRIPE_T + 301), STRIPE_BODY, ['whsec_test_secret'], 600)).toEqual(
      { ok: true },
    );
  });
  it('refuses a timestamp changed to look fresh (it is signed)', () =>
    expect(check(`t=${STRIPE_T + 5},v1=${STRIPE_V1}`)).toEqual({ ok: false, reason: 'SIGNATURE_MISMATCH' }));
  it('refuses a tampered body and a wrong secret', () => {
    expect(
      check(`t=${STRIPE_T},v1=${STRIPE_V1}`, at(STRIPE_T), Buffer.from('{"id":"evt_test","type":"invoice.paid"}')),
    ).toEqual({ ok: false, reason: 'SIGNATURE_MISMATCH' });
    expect(check(`t=${STRIPE_T},v1=${STRIPE_V1}`, at(STRIPE_T), STRIPE_BODY, ['whsec_other'])).toEqual({
      ok: false,
      reason: 'SIGNATURE_MISMATCH',
    });
  });
  it('refuses headers without a timestamp or a v1', () => {
    expect(check(undefined)).toEqual({ ok: false, reason: 'MISSING_SIGNATURE' });
    expect(check(`v1=${STRIPE_V1}`)).toEqual({ ok: false, reason: 'MALFORMED_SIGNATURE' });
    expect(check(`t=${STRIPE_T},v0=${STRIPE_V1}`)).toEqual({ ok: false, reason: 'MALFORMED_SIGNATURE' });
    expect(parseStripeSignature('t=abc,v1=xyz')).toBeUndefined();
  });
  it('signs like Stripe (the header the README and e2e suite send)', () => {
    expect(stripeSignatureHeader('whsec_test_secret', STRIPE_BODY, STRIPE_T)).toBe(`t=${STRIPE_T},v1=${STRIPE_V1}`);
  });
});
