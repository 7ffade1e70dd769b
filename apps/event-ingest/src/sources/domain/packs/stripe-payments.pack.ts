import { Topics } from '@herald/contracts';
import { customerOf } from './contact';
import { ignored, type MappingResult, type VerifiedWebhook } from '../mapped-event';
import { countryAt, idAt, localeAt, objectAt, pruned, textAt } from './payload-fields';

type Json = Record<string, unknown>;

// Stripe amounts are integers in the currency's smallest unit (docs.stripe.com/currencies).
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** 1999 usd -> "19.99" USD; 500 jpy -> "500" JPY; 12345 kwd -> "12.345" KWD. Exact: no floating point. */
export function stripeMoney(amount: unknown, currency: unknown): { amount: string; currency: string } | undefined {
  if (!Number.isSafeInteger(amount) || typeof currency !== 'string' || !/^[a-z]{3}$/i.test(currency)) return undefined;
  const code = currency.toLowerCase();
  const digits = ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
  const minor = Math.abs(amount as number)
    .toString()
    .padStart(digits + 1, '0');
  const whole = digits === 0 ? minor : `${minor.slice(0, -digits)}.${minor.slice(-digits)}`;
  return { amount: `${(amount as number) < 0 ? '-' : ''}${whole}`, currency: code.toUpperCase() };
}

function eventTime(w: VerifiedWebhook): string {
  const created = w.payload['created'];
  return Number.isSafeInteger(created)
    ? new Date((created as number) * 1000).toISOString()
    : w.receivedAt.toISOString();
}

function objectOf(w: VerifiedWebhook): Json | undefined {
  return objectAt(objectAt(w.payload, 'data'), 'object');
}

/** payment_intent.payment_failed -> payment.failed: shipping phone, then the failed payment method's billing phone. */
export function stripePaymentIntentFailed(w: VerifiedWebhook, id: string): MappingResult {
  const pi = objectOf(w);
  if (pi === undefined) return ignored('no data.object');
  const shipping = objectAt(pi, 'shipping');
  const error = objectAt(pi, 'last_payment_error');
  const billing = objectAt(objectAt(error, 'payment_method'), 'billing_details');
  const name = textAt(shipping, 'name') ?? textAt(billing, 'name');
  const customer = customerOf(
    { id: idAt(pi, 'customer'), firstName: name?.split(' ')[0], locale: localeAt(objectAt(pi, 'metadata'), 'locale') },
    [
      { phone: textAt(shipping, 'phone', 64), country: countryAt(objectAt(shipping, 'address'), 'country') },
      { phone: textAt(billing, 'phone', 64), country: countryAt(objectAt(billing, 'address'), 'country') },
    ],
  );
  const orderId = idAt(objectAt(pi, 'metadata'), 'order_id');
  const data = pruned({
    orderId,
    customer,
    amount: stripeMoney(pi['amount'], pi['currency']),
    reason: textAt(error, 'message'),
  });
  return {
    kind: 'event',
    event: { id, type: Topics.PaymentFailed, time: eventTime(w), subject: idAt(pi, 'id'), data },
  };
}

/** invoice.payment_failed -> payment.failed: the invoice's customer_phone, then its shipping phone; pay link = hosted invoice page. */
export function stripeInvoiceFailed(w: VerifiedWebhook, id: string): MappingResult {
  const inv = objectOf(w);
  if (inv === undefined) return ignored('no data.object');
  const shipping = objectAt(inv, 'customer_shipping');
  const name = textAt(inv, 'customer_name') ?? textAt(shipping, 'name');
  const customer = customerOf(
    {
      id: idAt(inv, 'customer'),
      firstName: name?.split(' ')[0],
      locale: localeAt(objectAt(inv, 'metadata'), 'locale'),
    },
    [
      { phone: textAt(inv, 'customer_phone', 64), country: countryAt(objectAt(inv, 'customer_address'), 'country') },
      { phone: textAt(shipping, 'phone', 64), country: countryAt(objectAt(shipping, 'address'), 'country') },
    ],
  );
  const data = pruned({
    invoiceId: idAt(inv, 'number') ?? idAt(inv, 'id'),
    orderId: idAt(objectAt(inv, 'metadata'), 'order_id'),
    customer,
    amount: stripeMoney(inv['amount_due'], inv['currency']),
    retryUrl: textAt(inv, 'hosted_invoice_url', 2048),
  });
  return {
    kind: 'event',
    event: { id, type: Topics.PaymentFailed, time: eventTime(w), subject: idAt(inv, 'id'), data },
  };
}
