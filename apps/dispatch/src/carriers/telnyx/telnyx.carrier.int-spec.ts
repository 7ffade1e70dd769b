import { API_KEY, sms, telnyxSetup } from './spec-support/telnyx-spec-setup';

const PROFILE = '4000eba1-a0c0-4563-9925-b25e842a7cb6';

describe('the telnyx carrier submitting to a local Telnyx', () => {
  const t = telnyxSetup();

  it('sends the documented request field by field and reads the id and billed parts', async () => {
    await t.start();
    const outcome = await t.adapter().submit(sms);
    expect(outcome).toEqual({ kind: 'submitted', carrierMessageIds: [expect.any(String)], segments: 1 });
    expect(t.fake.requests).toEqual([
      {
        headers: expect.objectContaining({
          authorization: `Bearer ${API_KEY}`,
          'content-type': 'application/json',
          accept: 'application/json',
        }),
        body: {
          from: '+18445550001',
          to: '+14155550123',
          text: 'Your order has shipped.',
          webhook_url: `${t.hook.url}?m=${sms.messageId}`,
          use_profile_webhooks: false,
          type: 'SMS',
        },
      },
    ]);
  });

  it('sends an alphanumeric sender with its messaging profile, the source when no from is set', async () => {
    await t.start();
    // Alphanumeric senders cannot send to the US or Canada: a UK number.
    const uk = { ...sms, destination: '+447700900123', country: 'GB' };
    expect(await t.adapter({}, { from: undefined, messagingProfileId: PROFILE }).submit(uk)).toMatchObject({
      kind: 'submitted',
    });
    expect(t.fake.requests[0].body).toMatchObject({ from: 'Herald', messaging_profile_id: PROFILE });
  });

  it('sends a UCS-2 body whole and counts the parts Telnyx bills', async () => {
    await t.start();
    const text = 'Votre code: 123456. Ne le partagez pas. Привет! Спасибо за заказ, он уже в пути к вам.';
    const parts = [text.slice(0, 30), text.slice(30, 60), text.slice(60)];
    const outcome = await t.adapter().submit({ ...sms, encoding: 'UCS2', parts });
    expect(t.fake.requests[0].body).toMatchObject({ text });
    expect(outcome).toMatchObject({ kind: 'submitted', segments: 2 });
  });

  it('makes a refusal permanent with the Telnyx code (40300: the recipient sent STOP)', async () => {
    await t.start();
    t.fake.fail({ kind: 'refuse', status: 403, code: '40300', title: 'Blocked due to STOP message' });
    expect(await t.adapter().submit(sms)).toEqual({
      kind: 'permanent',
      rawStatus: '40300',
      reason: 'provider refused the message: 40300 Blocked due to STOP message',
    });
    expect(t.fake.requests).toHaveLength(1);
  });

  it('makes a wrong API key permanent (10009)', async () => {
    await t.start();
    expect(await t.adapter({ apiKey: 'wrong' }).submit(sms)).toMatchObject({ kind: 'permanent', rawStatus: '10009' });
    expect(t.fake.violations.splice(0)).toEqual(['10009 missing or invalid Authorization: Bearer header']);
  });

  it('makes an invalid destination permanent (40310) without naming the number', async () => {
    await t.start();
    const outcome = await t.adapter().submit({ ...sms, destination: '0612345678' });
    expect(outcome).toMatchObject({ kind: 'permanent', rawStatus: '40310' });
    expect(JSON.stringify(outcome)).not.toContain('0612345678');
    expect(t.fake.violations.splice(0)).toEqual(['40310 to must be +E.164 or a short code']);
  });

  it('makes a 429 throttled with Retry-After, without retrying it', async () => {
    await t.start();
    t.fake.fail({ kind: 'throttle', retryAfter: '1' });
    expect(await t.adapter().submit(sms)).toMatchObject({ kind: 'throttled', rawStatus: '10011', retryAfterMs: 1000 });
    expect(t.fake.requests).toHaveLength(1);
  });

  it('retries a 5xx and takes the answer that follows', async () => {
    await t.start();
    t.fake.fail({ kind: 'server_error', status: 503 });
    expect(await t.adapter().submit(sms)).toMatchObject({ kind: 'submitted' });
    expect(t.fake.requests).toHaveLength(2);
    expect(t.fake.duplicates()).toEqual([]);
  });

  it('is transient when the 5xx never stop', async () => {
    await t.start();
    t.fake.fail({ kind: 'server_error' }, { kind: 'server_error' });
    expect(await t.adapter({ retries: 1 }).submit(sms)).toMatchObject({ kind: 'transient', rawStatus: '10007' });
    expect(t.fake.requests).toHaveLength(2);
  });

  it('is ambiguous, without resending, when Telnyx never answers', async () => {
    await t.start();
    t.fake.fail({ kind: 'never_answer' });
    const outcome = await t.adapter({ timeoutMs: 150 }).submit(sms);
    expect(outcome).toMatchObject({ kind: 'ambiguous', rawStatus: 'TIMEOUT' });
    expect(t.fake.requests).toHaveLength(1);
  });

  it('is ambiguous, without resending, when the connection is reset after the request', async () => {
    await t.start();
    t.fake.fail({ kind: 'reset' });
    expect(await t.adapter().submit(sms)).toMatchObject({ kind: 'ambiguous' });
    expect(t.fake.requests).toHaveLength(1);
  });

  it('shows a second submit of the same message as a duplicate', async () => {
    await t.start();
    await t.adapter().submit(sms);
    await t.adapter().submit(sms);
    expect(t.fake.duplicates()).toEqual([{ to: sms.destination, text: 'Your order has shipped.', count: 2 }]);
  });
});

describe('the Telnyx fake', () => {
  const t = telnyxSetup();

  it('refuses, like Telnyx, what the API reference does not allow, and records it', async () => {
    await t.start();
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${t.fake.url}/v2/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const res = await post({
      to: '+14155550123',
      from: 'Herald',
      text: '',
      media_urls: [],
      webhook_url: 'nope',
      colour: 1,
    });
    expect(res.status).toBe(422);
    const { errors } = (await res.json()) as { errors: Array<{ code: string }> };
    expect(errors.map((e) => e.code)).toEqual(['10015', '10004', '40316', '40304', '10003']);
    expect((await post({ to: '+1' }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(t.fake.violations.splice(0)).toHaveLength(6);
  });
});
