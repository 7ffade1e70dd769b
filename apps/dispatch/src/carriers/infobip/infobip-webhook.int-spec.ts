import { infobipCarrier } from './infobip.carrier';
import { InfobipFake } from './infobip.fake';
import { API_KEY, CREDENTIALS, infobipTestBed, sms } from './spec-support/infobip-test-bed';

describe("the infobip webhook reading the fake Infobip's delivery reports", () => {
  const bed = infobipTestBed();

  it("reads the fake's real reports: several results in one callback, our id from callbackData", async () => {
    const a = bed.adapter();
    const first = await a.submit(sms());
    const second = await a.submit(
      sms({ messageId: 'b1f0c1de-0000-4000-8000-000000000002', destination: '+4915112345678' }),
    );
    await bed.fake.callbacksSent();
    expect(bed.received).toHaveLength(1);
    const reading = bed.webhook().read(bed.received[0]!);
    const ids = (o: typeof first) => (o.kind === 'submitted' ? o.carrierMessageIds[0] : undefined);
    expect(reading).toEqual({
      ok: true,
      reports: [
        expect.objectContaining({
          carrierMessageId: ids(first),
          messageId: sms().messageId,
          state: 'delivered',
          rawStatus: 'DELIVERED_TO_HANDSET',
        }),
        expect.objectContaining({
          carrierMessageId: ids(second),
          messageId: 'b1f0c1de-0000-4000-8000-000000000002',
          state: 'delivered',
        }),
      ],
    });
    expect(bed.fake.duplicates()).toEqual([]);
  });

  it('maps an undelivered report with its error id, and reads the same callback again when replayed', async () => {
    bed.fake.final = { kind: 'undelivered', errorId: 1, errorName: 'EC_UNKNOWN_SUBSCRIBER', permanent: true };
    await bed.adapter().submit(sms());
    await bed.fake.callbacksSent();
    const once = bed.webhook().read(bed.received[0]!);
    expect(once).toEqual({
      ok: true,
      reports: [
        expect.objectContaining({ state: 'undelivered', rawStatus: 'UNDELIVERABLE_NOT_DELIVERED', rawError: '1' }),
      ],
    });
    expect(bed.webhook().read(bed.received[0]!)).toEqual(once);
  });

  it('accepts the previous credentials during a rotation', async () => {
    await bed.adapter().submit(sms());
    await bed.fake.callbacksSent();
    expect(bed.webhook({ webhook: `herald-dlr:new-secret|${CREDENTIALS}` }).read(bed.received[0]!)).toMatchObject({
      ok: true,
    });
  });

  it('refuses a callback with other or no credentials, whatever its body', async () => {
    await bed.adapter().submit(sms());
    await bed.fake.callbacksSent();
    const real = bed.received[0]!;
    expect(bed.webhook({ webhook: 'herald-dlr:other' }).read(real)).toMatchObject({
      ok: false,
      reason: 'unauthenticated',
    });
    const { authorization: _dropped, ...unsigned } = real.headers;
    expect(bed.webhook().read({ ...real, headers: unsigned })).toMatchObject({ ok: false, reason: 'unauthenticated' });
  });

  it('says malformed for an authentic callback whose body is not a report', async () => {
    await bed.adapter().submit(sms());
    await bed.fake.callbacksSent();
    const real = bed.received[0]!;
    expect(bed.webhook().read({ ...real, rawBody: Buffer.from('{"results": {}}') })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    expect(bed.webhook().read({ ...real, rawBody: Buffer.from('not json') })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('reads a report for a message it never sent (dispatch publishes it uncorrelated)', async () => {
    await bed.adapter().submit(sms());
    await bed.fake.callbacksSent();
    const real = bed.received[0]!;
    const body = JSON.parse(real.rawBody.toString('utf8'));
    body.results[0].messageId = 'an-id-nobody-sent';
    delete body.results[0].callbackData;
    expect(bed.webhook().read({ ...real, rawBody: Buffer.from(JSON.stringify(body)) })).toEqual({
      ok: true,
      reports: [expect.objectContaining({ carrierMessageId: 'an-id-nobody-sent', state: 'delivered' })],
    });
  });

  it('with deliveryReports "subscription", names no notifyUrl and reads the reports the subscription gets', async () => {
    await bed.adapter({ deliveryReports: 'subscription' }).submit(sms());
    await bed.fake.callbacksSent();
    const sent = JSON.parse(bed.fake.requests[0]!.body).messages[0];
    expect(sent).not.toHaveProperty('notifyUrl');
    expect(sent).not.toHaveProperty('notifyContentType');
    expect(bed.received.map((r) => r.url)).toEqual([`${bed.statusUrl}?via=subscription`]);
    expect(bed.webhook({ deliveryReports: 'subscription' }).read(bed.received[0]!)).toEqual({
      ok: true,
      reports: [expect.objectContaining({ messageId: sms().messageId, state: 'delivered' })],
    });
  });

  it('with deliveryReports "notifyUrl", reports go to the notifyUrl of the request, not the subscription', async () => {
    await bed.adapter().submit(sms());
    await bed.fake.callbacksSent();
    expect(bed.received.map((r) => r.url)).toEqual([bed.statusUrl]);
  });

  it('the fake posts its reports by itself after callbackDelayMs (as an end-to-end run needs)', async () => {
    const own = await new InfobipFake({ apiKey: API_KEY, webhookCredentials: CREDENTIALS, callbackDelayMs: 5 }).start();
    try {
      const config = { ...bed.carrierConfig(), apiBaseUrl: own.baseUrl };
      await infobipCarrier.create(config, bed.context()).submit(sms());
      for (let i = 0; i < 100 && own.callbacks.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(own.callbacks).toEqual([{ url: bed.statusUrl, status: 200, body: expect.stringContaining('DELIVERED') }]);
      expect(own.violations).toEqual([]);
    } finally {
      await own.stop();
    }
  });
});
