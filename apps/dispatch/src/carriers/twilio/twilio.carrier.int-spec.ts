import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundSms } from '../../domain/submit-outcome';
import type { WebhookReading, WebhookRequest } from '../carrier-plugin';
import { carrierTestContext } from '../spec-support/carrier-test-context';
import { twilioSignature } from './twilio-signature';
import { twilioCarrier, type TwilioCarrierConfig } from './twilio.carrier';
import { TwilioFake, type TwilioFakeCallback } from './twilio.fake';

const ACCOUNT = 'AC' + '0123456789abcdef'.repeat(2);
const TOKEN = 'twilio-test-auth-token-0123456789';
const SERVICE = 'MG' + 'fedcba9876543210'.repeat(2);
const TOKEN_ENV = 'CARRIER_TWILIO_AUTH_TOKEN';

/** Dispatch's status endpoint in miniature: every callback goes through the plugin's reader. */
async function receiver(config: TwilioCarrierConfig) {
  const webhook = twilioCarrier.webhook!(config, carrierTestContext({ secrets: { [TOKEN_ENV]: TOKEN } }));
  const readings: WebhookReading[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const reading = webhook.read({ url: `${base}${req.url}`, headers, rawBody: Buffer.concat(chunks) });
      readings.push(reading);
      res.writeHead(reading.ok ? 200 : reading.reason === 'malformed' ? 400 : 401).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/v1/carriers/twilio-fr/status`,
    readings,
    read: webhook.read,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const config = (apiBaseUrl: string, over: Partial<TwilioCarrierConfig> = {}): TwilioCarrierConfig =>
  twilioCarrier.withDefaults!({
    id: 'twilio-fr',
    type: 'twilio',
    accountSid: ACCOUNT,
    authTokenEnv: TOKEN_ENV,
    from: '+15017122661',
    apiBaseUrl,
    windowSize: 4,
    mpsSegments: 0,
    countries: ['FR'],
    priority: 1,
    ...over,
  });
const sms = (over: Partial<OutboundSms> = {}): OutboundSms => ({
  messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
  reference: 'JrzDP1S8U6C9Bom8t4fQOA',
  destination: '+33612345678',
  source: 'Herald',
  parts: ['Your order ', 'has shipped.'],
  encoding: 'GSM7',
  expiresAt: Date.now() + 600_000,
  country: 'FR',
  ...over,
});
const resign = (
  cb: TwilioFakeCallback,
  url: string,
  params: Record<string, string>,
  token = TOKEN,
): WebhookRequest => ({
  url,
  headers: { ...cb.headers, 'x-twilio-signature': twilioSignature(token, url, Object.entries(params)) },
  rawBody: Buffer.from(new URLSearchParams(params).toString()),
});

describe('the twilio carrier against the Twilio fake', () => {
  let fake: TwilioFake;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const adapter = (over: Partial<TwilioCarrierConfig> = {}, http: { timeoutMs?: number; retries?: number } = {}) =>
    twilioCarrier.create(
      config(fake.url, over),
      carrierTestContext({ secrets: { [TOKEN_ENV]: TOKEN }, statusCallbackUrl: hook.url, http }),
    );

  beforeEach(async () => {
    fake = await new TwilioFake({ accountSid: ACCOUNT, authToken: TOKEN, callbackDelayMs: 1 }).start();
    hook = await receiver(config('http://unused'));
  });
  afterEach(async () => {
    await fake.stop();
    hook.close();
  });

  it('sends a Create Message request Twilio accepts field by field, and reads sid and segments', async () => {
    const body = 'Your parcel is on its way. '.repeat(7);
    const outcome = await adapter().submit(sms({ parts: [body.slice(0, 153), body.slice(153)] }));
    expect(fake.violations).toEqual([]);
    expect(outcome).toEqual({ kind: 'submitted', carrierMessageIds: [fake.accepted[0].sid], segments: 2 });
    expect(fake.accepted[0].params).toEqual({
      To: '+33612345678',
      From: '+15017122661',
      Body: body,
      StatusCallback: `${hook.url}?m=26bcc33f-54bc-53c2-bd06-89c6b787d038`,
      ValidityPeriod: expect.stringMatching(/^(599|600)$/),
    });
  });

  it('sends a UCS-2 body whole, and Twilio bills it in UCS-2 segments', async () => {
    const body = 'Ваш код: 4821. Никому его не сообщайте. 🔒'.repeat(2);
    const outcome = await adapter().submit(sms({ parts: [body], encoding: 'UCS2' }));
    expect(fake.violations).toEqual([]);
    expect(fake.accepted[0].params.Body).toBe(body);
    expect(outcome).toMatchObject({ kind: 'submitted', segments: 2 });
  });

  it('sends through a Messaging Service: no From, and our part count when Twilio answers num_segments "0"', async () => {
    const outcome = await adapter({ messagingServiceSid: SERVICE }).submit(sms());
    expect(fake.violations).toEqual([]);
    expect(fake.accepted[0].params).toMatchObject({ MessagingServiceSid: SERVICE });
    expect(fake.accepted[0].params.From).toBeUndefined();
    expect(outcome).toMatchObject({ kind: 'submitted', segments: 2 });
  });

  it('is permanent on a Twilio 4xx, with the error code raw and no phone number in the reason', async () => {
    fake.script({
      kind: 'error',
      error: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
    });
    expect(await adapter().submit(sms())).toEqual({
      kind: 'permanent',
      rawStatus: '21610',
      reason: expect.stringContaining('unsubscribed'),
    });
    const invalid = await adapter().submit(sms({ destination: '0612345678' }));
    expect(invalid).toMatchObject({ kind: 'permanent', rawStatus: '21211' });
    expect(JSON.stringify(invalid)).not.toContain('612345678');
  });

  it('is permanent when the auth token is wrong (20003)', async () => {
    const a = twilioCarrier.create(config(fake.url), carrierTestContext({ secrets: { [TOKEN_ENV]: 'wrong' } }));
    expect(await a.submit(sms())).toMatchObject({ kind: 'permanent', rawStatus: '20003' });
    expect(fake.violations).toEqual([expect.stringContaining('authorization')]);
  });

  it('is throttled on 429 / 20429 with Retry-After, without retrying', async () => {
    fake.script({ kind: 'error', error: { status: 429, code: 20429, message: 'Too Many Requests' }, retryAfter: '1' });
    expect(await adapter().submit(sms())).toMatchObject({ kind: 'throttled', rawStatus: '20429', retryAfterMs: 1000 });
    expect(fake.requests).toBe(1);
  });

  it('retries a 5xx, then is transient; a 5xx then a 201 is one message', async () => {
    const unavailable = { kind: 'error', error: { status: 503, code: 20503, message: 'Service Unavailable' } } as const;
    fake.script(unavailable, unavailable, unavailable);
    expect(await adapter({}, { retries: 2 }).submit(sms())).toMatchObject({ kind: 'transient', rawStatus: '20503' });
    expect(fake.requests).toBe(3);
    fake.script(unavailable);
    expect(await adapter({}, { retries: 2 }).submit(sms())).toMatchObject({ kind: 'submitted' });
    expect(fake.duplicates()).toEqual([]);
  });

  it.each(['never', 'reset'] as const)(
    'is ambiguous, without resending, when the request is %s answered',
    async (kind) => {
      fake.script({ kind });
      const outcome = await adapter({}, { timeoutMs: 200, retries: 2 }).submit(sms());
      expect(outcome).toMatchObject({ kind: 'ambiguous' });
      expect(fake.requests).toBe(1);
      expect(fake.duplicates()).toEqual([]);
    },
  );

  it("verifies and maps the fake's real callbacks: sent, then delivered, with our message id", async () => {
    await adapter().submit(sms());
    await fake.idle();
    const sid = fake.accepted[0].sid;
    const common = { carrierMessageId: sid, messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038' };
    expect(hook.readings).toEqual([
      { ok: true, reports: [{ ...common, state: 'enroute', rawStatus: 'sent' }] },
      { ok: true, reports: [{ ...common, state: 'delivered', rawStatus: 'delivered', doneDate: expect.any(String) }] },
    ]);
    expect(fake.callbacks.map((c) => c.answer)).toEqual([200, 200]);
  });

  it.each([
    [{ status: 'undelivered', errorCode: 30003 } as const, 'undelivered', ['sent', 'undelivered']],
    [{ status: 'failed', errorCode: 30007 } as const, 'rejected', ['failed']],
  ])('maps a final %o to %s, the ErrorCode raw', async (final, state, statuses) => {
    fake.setOutcome(() => final);
    await adapter({ messagingServiceSid: SERVICE }).submit(sms());
    await fake.idle();
    const reports = hook.readings.flatMap((r) => (r.ok ? r.reports : []));
    expect(reports.map((r) => r.rawStatus)).toEqual(['queued', ...statuses]);
    expect(reports.at(-1)).toMatchObject({ state, rawError: String(final.errorCode) });
  });

  describe('callbacks that must not pass, and ones that must', () => {
    let cb: TwilioFakeCallback;
    beforeEach(async () => {
      await adapter().submit(sms());
      await fake.idle();
      cb = fake.callbacks[1];
    });

    it('a bad signature is unauthenticated', () => {
      const forged = {
        url: cb.url,
        headers: { ...cb.headers, 'x-twilio-signature': 'AAAA' + cb.headers['x-twilio-signature'].slice(4) },
        rawBody: cb.rawBody,
      };
      expect(hook.read(forged)).toMatchObject({ ok: false, reason: 'unauthenticated' });
      expect(hook.read(resign(cb, cb.url, cb.params, 'another-token'))).toMatchObject({
        ok: false,
        reason: 'unauthenticated',
      });
    });

    it('a malformed body is malformed', () => {
      const { MessageSid: _sid, ...noSid } = cb.params;
      expect(hook.read(resign(cb, cb.url, noSid))).toMatchObject({ ok: false, reason: 'malformed' });
      expect(hook.read({ ...cb, headers: { ...cb.headers, 'content-type': 'application/json' } })).toMatchObject({
        ok: false,
        reason: 'malformed',
      });
    });

    it('a callback for a message we do not know still reads, without a message id', () => {
      const url = cb.url.replace(/\?m=.*$/, '');
      const params = { ...cb.params, MessageSid: 'SM' + '9'.repeat(32) };
      expect(hook.read(resign(cb, url, params))).toEqual({
        ok: true,
        reports: [expect.not.objectContaining({ messageId: expect.anything() })],
      });
    });

    it('the same callback replayed reads the same again (dispatch dedupes)', () => {
      const request = { url: cb.url, headers: cb.headers, rawBody: cb.rawBody };
      expect(hook.read(request)).toEqual(hook.read(request));
      expect(hook.read(request)).toMatchObject({ ok: true });
    });
  });

  it('refuses a config with neither from nor messagingServiceSid, naming both', () => {
    expect(() => config(fake.url, { from: undefined })).toThrow(/"from" or "messagingServiceSid"/);
  });
});
