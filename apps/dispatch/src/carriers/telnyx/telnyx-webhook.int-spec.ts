import type { TelnyxFakeOptions } from './telnyx.fake';
import { sms, telnyxSetup } from './spec-support/telnyx-spec-setup';

describe('the telnyx carrier reading the callbacks of a local Telnyx', () => {
  const t = telnyxSetup();
  const submitAndSettle = async (options: Partial<TelnyxFakeOptions> = {}) => {
    await t.start(options);
    const outcome = await t.adapter().submit(sms);
    await t.fake.settled();
    return outcome.kind === 'submitted' ? outcome.carrierMessageIds[0] : undefined;
  };

  it('verifies and maps the signed message.sent and message.finalized of a delivered message', async () => {
    const id = await submitAndSettle();
    expect(t.fake.callbacks.map((c) => c.answeredWith)).toEqual([200, 200]);
    expect(t.hook.received.map((r) => t.webhook().read(r))).toEqual([
      { ok: true, reports: [expect.objectContaining({ carrierMessageId: id, state: 'enroute', rawStatus: 'sent' })] },
      {
        ok: true,
        reports: [
          {
            carrierMessageId: id,
            state: 'delivered',
            rawStatus: 'delivered',
            messageId: sms.messageId,
            doneDate: expect.any(String),
          },
        ],
      },
    ]);
  });

  it('maps an undelivered message with its error code', async () => {
    await submitAndSettle({ outcome: { status: 'delivery_failed', error: { code: '40008', title: 'Undeliverable' } } });
    expect(t.webhook().read(t.hook.received[1])).toMatchObject({
      ok: true,
      reports: [{ state: 'undelivered', rawStatus: 'delivery_failed', rawError: '40008', messageId: sms.messageId }],
    });
  });

  it('maps a message Telnyx could not send, which gets no message.sent', async () => {
    await submitAndSettle({
      outcome: { status: 'sending_failed', error: { code: '40012', title: 'Invalid destination' } },
    });
    expect(t.hook.received.map((r) => t.webhook().read(r))).toMatchObject([
      { ok: true, reports: [{ state: 'rejected', rawStatus: 'sending_failed', rawError: '40012' }] },
    ]);
  });

  it('reads a replayed callback again (dispatch dedupes) and one for an unknown message id', async () => {
    await submitAndSettle();
    const last = t.hook.received[1];
    expect(t.webhook().read(last)).toEqual(t.webhook().read(last));
    const stranger = last.rawBody.toString().replace(/"id":"[0-9a-f-]{36}","type"/, '"id":"unknown-message","type"');
    const reading = t.webhook().read({ ...last, rawBody: Buffer.from(stranger), headers: t.fake.sign(stranger) });
    expect(reading).toMatchObject({ ok: true, reports: [{ carrierMessageId: 'unknown-message', state: 'delivered' }] });
  });

  it('credits no message from an unsigned ?m= in the request URL', async () => {
    await submitAndSettle();
    const last = t.hook.received[1];
    const moved = { ...last, url: `${t.hook.url}?m=someone-else` };
    expect(t.webhook().read(moved)).toMatchObject({ ok: true, reports: [{ messageId: sms.messageId }] });
  });

  it('refuses a bad or missing signature as unauthenticated', async () => {
    await submitAndSettle();
    const last = t.hook.received[1];
    const tampered = Buffer.from(last.rawBody.toString().replace('"delivered"', '"delivery_failed"'));
    expect(t.webhook().read({ ...last, rawBody: tampered })).toEqual({
      ok: false,
      reason: 'unauthenticated',
      detail: 'bad_signature',
    });
    expect(t.webhook().read({ ...last, headers: {} })).toMatchObject({ ok: false, reason: 'unauthenticated' });
  });

  it('refuses a timestamp more than 300 s away as stale', async () => {
    await submitAndSettle();
    const last = t.hook.received[1];
    expect(t.webhook(() => Date.now() + 301_000).read(last)).toMatchObject({ ok: false, reason: 'stale' });
    const resigned = t.fake.sign(last.rawBody.toString(), Date.now() - 600_000);
    expect(t.webhook().read({ ...last, headers: resigned })).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('refuses a signed body that is not a Telnyx event as malformed', async () => {
    await t.start();
    for (const body of ['not json', '{"data":{}}'])
      expect(
        t.webhook().read({ url: t.hook.url, headers: t.fake.sign(body), rawBody: Buffer.from(body) }),
      ).toMatchObject({
        ok: false,
        reason: 'malformed',
      });
  });

  it('acknowledges an inbound message.received with nothing to publish', async () => {
    await t.start();
    const body = JSON.stringify({ data: { record_type: 'event', event_type: 'message.received', payload: {} } });
    expect(t.webhook().read({ url: t.hook.url, headers: t.fake.sign(body), rawBody: Buffer.from(body) })).toEqual({
      ok: true,
      reports: [],
    });
  });
});
