import type { WebhookRequest } from '../carrier-plugin';
import { readDeliveryReceipt } from './vonage-dlr';
import { sign } from './vonage-signature';

// The typical receipt of the delivery receipts guide, with the fields a signed webhook adds.
const nowMs = 1_582_650_446_000;
const receipt = {
  'err-code': '0',
  'message-timestamp': '2018-10-25 12:10:29',
  messageId: '0B00000127FDBC63',
  msisdn: '447547232824',
  'network-code': '23410',
  price: '0.03330000',
  scts: '1810251310',
  status: 'delivered',
  to: 'Nexmo CLI',
  'client-ref': '26bcc33f-54bc-53c2-bd06-89c6b787d038',
  timestamp: '1582650446',
  nonce: 'ec11dd3e-1e7f-4db5-9467-82b02cd223b9',
};
const secret = 'sig-secret';
const signed = (params: Record<string, string>, method: 'md5hash' | 'sha256' = 'sha256') => ({
  ...params,
  sig: sign(params, secret, method),
});
const asJson = (params: object): WebhookRequest => ({
  url: 'https://herald.example/v1/carriers/vonage-de/status',
  headers: { 'content-type': 'application/json' },
  rawBody: Buffer.from(JSON.stringify(params)),
});
const auth = { secret, method: 'sha256' as const, nowMs };

describe('Vonage delivery receipts', () => {
  it('reads a signed JSON receipt: state, raw status and err-code, our message id from client-ref', () => {
    expect(readDeliveryReceipt(asJson(signed(receipt)), auth)).toEqual({
      ok: true,
      reports: [
        {
          carrierMessageId: '0B00000127FDBC63',
          state: 'delivered',
          rawStatus: 'delivered',
          rawError: '0',
          messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
          doneDate: '1810251310',
        },
      ],
    });
  });

  it('reads a signed form receipt (POST method set in the dashboard) with md5hash', () => {
    const params = signed({ ...receipt, status: 'failed', 'err-code': '3' }, 'md5hash');
    const req: WebhookRequest = {
      url: 'https://herald.example/v1/carriers/vonage-de/status',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: Buffer.from(new URLSearchParams(params).toString()),
    };
    expect(readDeliveryReceipt(req, { ...auth, method: 'md5hash' })).toMatchObject({
      ok: true,
      reports: [{ state: 'undelivered', rawStatus: 'failed', rawError: '3' }],
    });
  });

  it('refuses every receipt when no signature secret is configured', () => {
    expect(readDeliveryReceipt(asJson(signed(receipt)), { method: 'sha256', nowMs })).toMatchObject({
      ok: false,
      reason: 'unauthenticated',
    });
  });

  it('refuses an unsigned, a tampered or an otherwise signed receipt', () => {
    const bad = { ok: false, reason: 'unauthenticated' };
    expect(readDeliveryReceipt(asJson(receipt), auth)).toMatchObject(bad);
    expect(readDeliveryReceipt(asJson({ ...signed(receipt), status: 'expired' }), auth)).toMatchObject(bad);
    expect(readDeliveryReceipt(asJson(signed(receipt, 'md5hash')), auth)).toMatchObject(bad);
  });

  it('calls an authentic receipt older than 5 minutes stale', () => {
    expect(readDeliveryReceipt(asJson(signed(receipt)), { ...auth, nowMs: nowMs + 301_000 })).toMatchObject({
      ok: false,
      reason: 'stale',
    });
  });

  it.each([
    ['a body that is not JSON', { ...asJson({}), rawBody: Buffer.from('{"status":') }],
    ['a JSON array', asJson([receipt])],
    ['a nested value', asJson({ ...receipt, status: { s: 'delivered' } })],
    ['an unknown status', asJson(signed({ ...receipt, status: 'DELIVRD' }))],
    ['no messageId', asJson(signed({ ...receipt, messageId: '' }))],
    ['a non-numeric err-code', asJson(signed({ ...receipt, 'err-code': 'x' }))],
  ])('calls %s malformed', (_what, req) => {
    expect(readDeliveryReceipt(req, auth)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('leaves messageId out when client-ref is absent or not one of our ids', () => {
    const { 'client-ref': _ref, ...bare } = receipt;
    const reading = readDeliveryReceipt(asJson(signed(bare)), auth);
    expect(reading.ok && reading.reports[0].messageId).toBeUndefined();
    const foreign = readDeliveryReceipt(asJson(signed({ ...receipt, 'client-ref': 'campaign-7' })), auth);
    expect(foreign.ok && foreign.reports[0].messageId).toBeUndefined();
  });
});
