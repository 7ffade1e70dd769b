import { API_SECRET, vonageContract, vonageSms as sms, type VonageContract } from './vonage-contract.harness';

describe('the vonage carrier submitting to a local Vonage SMS API', () => {
  let c: VonageContract;

  afterEach(async () => {
    await c.stop();
  });

  it('sends a request Vonage accepts field by field and gets one id per part', async () => {
    c = await vonageContract();
    const outcome = await c.adapter.submit(sms());
    expect(c.fake.violations).toEqual([]);
    expect(c.fake.submits[0].ids).toHaveLength(2);
    expect(outcome).toEqual({ kind: 'submitted', carrierMessageIds: c.fake.submits[0].ids, segments: 2 });
    expect(c.fake.submits[0].params).toMatchObject({
      to: '4915112345678',
      from: 'Herald',
      type: 'text',
      'status-report-req': '1',
      'client-ref': sms().messageId,
      text: sms().parts.join(''),
    });
    expect(c.fake.duplicates()).toEqual([]);
  });

  it('sends a UCS-2 body as type=unicode, billed in 67-unit parts', async () => {
    c = await vonageContract();
    const text = 'Ваш заказ отправлен и будет доставлен завтра до обеда. Спасибо, что выбрали нас!';
    const outcome = await c.adapter.submit(sms({ parts: [text.slice(0, 67), text.slice(67)], encoding: 'UCS2' }));
    expect(c.fake.violations).toEqual([]);
    expect(c.fake.submits[0].params).toMatchObject({ type: 'unicode', text });
    expect(outcome).toMatchObject({ kind: 'submitted', segments: 2 });
  });

  it('maps HTTP 4xx and Vonage refusals to permanent, without a retry', async () => {
    c = await vonageContract();
    c.fake.failNext(
      { kind: 'http', status: 401, body: { title: 'Unauthorized' } },
      { kind: 'status', status: '29', errorText: 'Non White-listed Destination' },
    );
    expect(await c.adapter.submit(sms())).toMatchObject({ kind: 'permanent', rawStatus: 'HTTP_401' });
    expect(await c.adapter.submit(sms())).toMatchObject({ kind: 'permanent', rawStatus: '29' });
    expect(c.fake.requests).toBe(2);
  });

  it('is permanent on wrong credentials (status 4)', async () => {
    c = await vonageContract({ apiSecret: 'anotherSecret123' });
    expect(await c.adapter.submit(sms())).toMatchObject({ kind: 'permanent', rawStatus: '4' });
    expect(c.fake.violations).toEqual([]);
  });

  it('maps HTTP 429 and status 1 to throttled, without a retry', async () => {
    c = await vonageContract();
    c.fake.failNext(
      { kind: 'http', status: 429, body: {}, headers: { 'retry-after': '2' } },
      { kind: 'status', status: '1', errorText: 'Throughput Rate Exceeded' },
    );
    expect(await c.adapter.submit(sms())).toMatchObject({
      kind: 'throttled',
      rawStatus: 'HTTP_429',
      retryAfterMs: 2000,
    });
    expect(await c.adapter.submit(sms())).toMatchObject({ kind: 'throttled', rawStatus: '1' });
    expect(c.fake.requests).toBe(2);
  });

  it('retries HTTP 5xx and status 5 (internal error), then succeeds or is transient', async () => {
    c = await vonageContract();
    c.fake.failNext({ kind: 'http', status: 503 }, { kind: 'status', status: '5' });
    expect(await c.adapter.submit(sms())).toMatchObject({ kind: 'submitted' });
    expect(c.fake.requests).toBe(3);
    c.fake.failNext({ kind: 'http', status: 500 }, { kind: 'http', status: 502 }, { kind: 'status', status: '5' });
    expect(await c.adapter.submit(sms({ parts: ['other text'] }))).toMatchObject({ kind: 'transient', rawStatus: '5' });
    expect(c.fake.requests).toBe(6);
  });

  it('is ambiguous, without resending, when the answer never comes or the connection resets', async () => {
    c = await vonageContract();
    c.fake.failNext({ kind: 'timeout' }, { kind: 'reset' });
    expect(await c.adapter.submit(sms())).toMatchObject({ kind: 'ambiguous', rawStatus: 'TIMEOUT' });
    expect(await c.adapter.submit(sms({ parts: ['another'] }))).toMatchObject({ kind: 'ambiguous' });
    expect(c.fake.requests).toBe(2);
    expect(c.fake.duplicates()).toEqual([]);
  });

  it('is ambiguous with the accepted part kept when Vonage refuses the later parts', async () => {
    c = await vonageContract();
    c.fake.failNext({ kind: 'partial', status: '5' });
    expect(await c.adapter.submit(sms())).toMatchObject({
      kind: 'ambiguous',
      rawStatus: '5',
      acceptedParts: new Map([[0, c.fake.submits[0].ids[0]]]),
    });
    expect(c.fake.requests).toBe(1);
  });

  it('has a fake that refuses, as Vonage documents, a request off the documented format', async () => {
    c = await vonageContract();
    const post = async (body: string, type = 'application/x-www-form-urlencoded') => {
      const res = await fetch(`${c.fake.url}/sms/json`, { method: 'POST', headers: { 'content-type': type }, body });
      return ((await res.json()) as { messages: Array<{ status: string }> }).messages[0].status;
    };
    expect(await post(JSON.stringify({ api_key: 'abcd1234' }), 'application/json')).toBe('3');
    const form = { api_key: 'abcd1234', api_secret: API_SECRET, from: 'Herald', to: '4915112345678', text: 'Привет' };
    expect(await post(new URLSearchParams({ ...form, to: '+4915112345678', type: 'unicode' }).toString())).toBe('3');
    expect(await post(new URLSearchParams(form).toString())).toBe('3');
    expect(await post(new URLSearchParams({ ...form, text: '' }).toString())).toBe('2');
    expect(c.fake.violations).toEqual([
      'content-type "application/json"',
      'unknown parameter {"api_key":"abcd1234"}',
      'Missing api_key param',
      'Missing api_secret param',
      'Missing from param',
      'Missing to param',
      'Missing text param',
      'to must be 7-15 digits without +',
      'type=text for a text outside the GSM-7 alphabet (type=unicode expected)',
      'Missing text param',
    ]);
  });
});
