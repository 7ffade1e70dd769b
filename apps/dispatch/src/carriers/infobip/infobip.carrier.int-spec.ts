import { API_KEY, infobipTestBed, sms } from './spec-support/infobip-test-bed';

describe('the infobip carrier submitting to the fake Infobip', () => {
  const bed = infobipTestBed();

  it('sends the documented request, field by field, and reads the message id and billed count', async () => {
    const outcome = await bed.adapter().submit(sms());
    const answered = bed.fake.requests.length === 1 ? JSON.parse(bed.fake.requests[0]!.body) : undefined;
    expect(bed.fake.violations).toEqual([]);
    expect(bed.fake.requests[0]!.headers).toMatchObject({
      authorization: `App ${API_KEY}`,
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(answered).toEqual({
      messages: [
        {
          destinations: [{ to: '33612345678' }],
          from: 'Herald',
          text: 'Your order has shipped.',
          notifyUrl: bed.statusUrl,
          notifyContentType: 'application/json',
          callbackData: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
          validityPeriod: 10,
        },
      ],
      includeSmsCountInResponse: true,
    });
    // Infobip bills the 23 characters as one SMS, though Herald split them in two parts.
    expect(outcome).toEqual({ kind: 'submitted', carrierMessageIds: [expect.any(String)], segments: 1 });
  });

  it('the fake refuses a request off the documented format with the documented 400, and records why', async () => {
    const post = (authorization: string, message: Record<string, unknown>) =>
      fetch(`${bed.fake.baseUrl}/sms/2/text/advanced`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [message] }),
      });
    const bad = await post(`App ${API_KEY}`, { destinations: [{ to: '+33612345678' }], text: '', smsText: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      requestError: { serviceException: { messageId: 'BAD_REQUEST', text: expect.any(String) } },
    });
    expect((await post('App wrong', { destinations: [{ to: '33612345678' }], text: 'hi' })).status).toBe(401);
    expect(bed.fake.violations.splice(0)).toEqual([
      'messages[0].smsText is not a documented field',
      'messages[0].text must be a non-empty string',
      'messages[0].destinations[0].to must be an international number, digits only',
      'Authorization must be "App <api key>"',
    ]);
  });

  it('sends a UCS-2 body whole and takes Infobip count of its parts', async () => {
    const text = 'Ваш заказ отправлен, спасибо. '.repeat(3);
    const outcome = await bed.adapter().submit(sms({ parts: [text.slice(0, 67), text.slice(67)], encoding: 'UCS2' }));
    expect(bed.fake.violations).toEqual([]);
    expect(JSON.parse(bed.fake.requests[0]!.body).messages[0].text).toBe(text);
    expect(outcome).toMatchObject({ kind: 'submitted', segments: 2 });
  });

  it.each([
    [{ status: 400 as const, text: 'Invalid destination address 33612345678' }, 'BAD_REQUEST'],
    [{ status: 401 as const, text: 'Invalid login details' }, 'UNAUTHORIZED'],
  ])('maps %j to permanent without repeating the number', async (fault, code) => {
    bed.fake.script(fault);
    const outcome = await bed.adapter().submit(sms());
    expect(outcome).toMatchObject({ kind: 'permanent', rawStatus: code });
    expect(JSON.stringify(outcome)).not.toContain('612345678');
    expect(bed.fake.requests).toHaveLength(1);
  });

  it('maps a REJECTED status in a 200 answer to permanent with the status name', async () => {
    bed.fake.script({ rejectStatus: 'REJECTED_NOT_ENOUGH_CREDITS' });
    expect(await bed.adapter().submit(sms())).toMatchObject({
      kind: 'permanent',
      rawStatus: 'REJECTED_NOT_ENOUGH_CREDITS',
    });
  });

  it('maps 429 to throttled with Retry-After, without retrying itself', async () => {
    bed.fake.script({ status: 429, text: 'Too many requests', retryAfter: '2' });
    expect(await bed.adapter().submit(sms())).toMatchObject({
      kind: 'throttled',
      rawStatus: 'TOO_MANY_REQUESTS',
      retryAfterMs: 2000,
    });
    expect(bed.fake.requests).toHaveLength(1);
  });

  it('retries a 5xx, then is transient when they never stop', async () => {
    bed.fake.script({ status: 500 }, { status: 503 }, { status: 500 });
    expect(await bed.adapter({ retries: 2 }).submit(sms())).toMatchObject({
      kind: 'transient',
      rawStatus: 'GENERAL_ERROR',
    });
    expect(bed.fake.requests).toHaveLength(3);
  });

  it('retries a 5xx and takes the answer of the try that got through', async () => {
    bed.fake.script({ status: 502 });
    expect(await bed.adapter().submit(sms())).toMatchObject({ kind: 'submitted' });
    expect(bed.fake.requests).toHaveLength(2);
  });

  it.each([
    ['never answered', 'never' as const],
    ['reset after the write', 'reset' as const],
  ])('is ambiguous, with no resend, when the request is %s', async (_what, fault) => {
    bed.fake.script(fault);
    expect(await bed.adapter({ timeoutMs: 150, retries: 2 }).submit(sms())).toMatchObject({ kind: 'ambiguous' });
    expect(bed.fake.requests).toHaveLength(1);
    expect(bed.fake.duplicates()).toEqual([]);
  });
});
