import { vonageContract, vonageSms as sms, type VonageContract } from './vonage-contract.harness';

describe('the vonage carrier reading the delivery receipts of a local Vonage SMS API', () => {
  let c: VonageContract;

  afterEach(async () => {
    await c.stop();
  });

  it('verifies and maps the signed receipts of every part, interim and final', async () => {
    c = await vonageContract({ interim: true });
    await c.adapter.submit(sms());
    await c.fake.settled();
    expect(c.fake.callbacks.map((cb) => cb.answered)).toEqual([200, 200, 200, 200]);
    const reports = c.readings.flatMap((r) => (r.ok ? r.reports : []));
    expect(reports.map((r) => [r.carrierMessageId, r.state, r.rawStatus, r.rawError, r.messageId])).toEqual(
      expect.arrayContaining(
        c.fake.submits[0].ids.flatMap((id) => [
          [id, 'enroute', 'accepted', '0', sms().messageId],
          [id, 'delivered', 'delivered', '0', sms().messageId],
        ]),
      ),
    );
    expect(reports).toHaveLength(4);
  });

  it.each(['md5hash', 'md5', 'sha1', 'sha512'] as const)('verifies receipts signed with %s', async (method) => {
    c = await vonageContract({ signatureMethod: method }, { signatureMethod: method });
    await c.adapter.submit(sms({ parts: ['Hi'] }));
    await c.fake.settled();
    expect(c.readings).toEqual([{ ok: true, reports: [expect.objectContaining({ state: 'delivered' })] }]);
  });

  it('reads a failed receipt with its err-code, from a form-encoded callback too', async () => {
    c = await vonageContract({ callbackFormat: 'form' });
    c.fake.setOutcome({ status: 'failed', errCode: '3' });
    await c.adapter.submit(sms({ parts: ['Short one'] }));
    await c.fake.settled();
    expect(c.readings).toEqual([
      { ok: true, reports: [expect.objectContaining({ state: 'undelivered', rawStatus: 'failed', rawError: '3' })] },
    ]);
  });

  it('refuses a bad signature, calls an old receipt stale and a broken body malformed', async () => {
    c = await vonageContract();
    await c.adapter.submit(sms({ parts: ['Hi'] }));
    await c.fake.settled();
    const real = c.received[0];
    const params = JSON.parse(real.rawBody.toString()) as Record<string, string>;
    const forged = { ...real, rawBody: Buffer.from(JSON.stringify({ ...params, status: 'expired' })) };
    expect(c.read(forged)).toMatchObject({ ok: false, reason: 'unauthenticated' });
    expect(c.read({ ...real, rawBody: Buffer.from('{"messageId":') })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    expect(c.read(real, Date.now() + 10 * 60_000)).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('reads a receipt for an unknown message id, and the same receipt replayed, as ok', async () => {
    c = await vonageContract();
    await c.adapter.submit(sms({ parts: ['Hi'] }));
    await c.fake.settled();
    const real = c.received[0];
    expect(c.read(real)).toEqual(c.readings[0]);
    expect(c.read(real)).toMatchObject({ ok: true });
    const stranger = c.fake.receipt({ to: '4915100000000', from: 'Herald' }, '0C000000DEADBEEF', {
      status: 'rejected',
      errCode: '6',
    });
    expect(c.read({ ...real, rawBody: Buffer.from(JSON.stringify(stranger)) })).toEqual({
      ok: true,
      reports: [
        {
          carrierMessageId: '0C000000DEADBEEF',
          state: 'rejected',
          rawStatus: 'rejected',
          rawError: '6',
          doneDate: stranger.scts,
        },
      ],
    });
  });

  it('refuses every receipt when the carrier has no signature secret configured', async () => {
    c = await vonageContract({}, { signatureSecretEnv: undefined });
    await c.adapter.submit(sms({ parts: ['Hi'] }));
    await c.fake.settled();
    expect(c.readings).toEqual([expect.objectContaining({ ok: false, reason: 'unauthenticated' })]);
    expect(c.fake.callbacks.map((cb) => cb.answered)).toEqual([401]);
  });
});
