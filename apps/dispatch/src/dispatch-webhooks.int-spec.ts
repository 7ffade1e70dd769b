import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Topics, type CarrierReceiptV1 } from '@herald/contracts';
import { testEnv, uniqueId, TopicWatcher } from '@herald/testing';
import { signWebhook } from './carriers/http/herald-signature';
import {
  startDispatch,
  startSimulator,
  smppCarrier,
  writeCarriersFile,
  type DispatchHandle,
  type SimHandle,
} from './spec-support/dispatch-harness';

const SECRET_NEW = `new-${randomUUID()}`;
const SECRET_OLD = `old-${randomUUID()}`;

/** Status callbacks arrive at dispatch; its carrier plugin verifies and maps them; receipts sees only canonical states. */
describe('carrier status callbacks at dispatch', () => {
  const carrierId = uniqueId('agg');
  const smppId = uniqueId('sim');
  let sim: SimHandle;
  let dispatch: DispatchHandle;
  let watcher: TopicWatcher;
  let base: string;

  beforeAll(async () => {
    watcher = await TopicWatcher.start(testEnv().KAFKA_BROKERS, [Topics.CarrierReceiptsV1]);
    sim = await startSimulator();
    const file = writeCarriersFile([
      smppCarrier(smppId, sim.smppPort),
      {
        id: carrierId,
        type: 'http',
        url: 'http://127.0.0.1:9/never-called',
        webhookSecretEnv: 'CARRIER_IT_WEBHOOK_SECRET',
        windowSize: 5,
        mpsSegments: 0,
        countries: ['FR'],
        priority: 2,
      } as never,
    ]);
    process.env.CARRIER_IT_WEBHOOK_SECRET = `${SECRET_NEW}|${SECRET_OLD}`;
    dispatch = await startDispatch(uniqueId('dispatch'), testEnv({ DISPATCH_CARRIERS_FILE: file }));
    base = `http://127.0.0.1:${(dispatch.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await dispatch?.close();
    await sim?.stop();
    await watcher?.stop();
    delete process.env.CARRIER_IT_WEBHOOK_SECRET;
  });

  const post = (carrier: string, body: string, headers: Record<string, string>) =>
    fetch(`${base}/v1/carriers/${carrier}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const signed = (secret: string, body: string, ts = String(Math.floor(Date.now() / 1000))) => ({
    'x-herald-timestamp': ts,
    'x-herald-signature': `v1=${signWebhook(secret, ts, body)}`,
  });
  const statusBody = (cmid: string, status: string, errorCode?: string) =>
    JSON.stringify({
      carrierMessageId: cmid,
      status,
      timestamp: new Date().toISOString(),
      ...(errorCode ? { errorCode } : {}),
    });

  it('publishes a signed callback once, in canonical words, after the broker has it; a redelivery is acknowledged, not published', async () => {
    const cmid = uniqueId('cm');
    const body = statusBody(cmid, 'UNDELIV', '011');
    const first = await post(carrierId, body, signed(SECRET_NEW, body));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'accepted', published: 1, duplicates: 0 });
    // Answered only once the broker acked: the record is already there to read.
    const [record] = await watcher.waitFor(Topics.CarrierReceiptsV1, (r) => r.value.includes(cmid), 1);
    expect(JSON.parse(record.value) as CarrierReceiptV1).toMatchObject({
      carrierId,
      carrierMessageId: cmid,
      state: 'undelivered',
      rawStat: 'UNDELIV',
      rawErr: '011',
    });
    expect(record.key).toBe(cmid);

    // The carrier retries (signed anew with the old secret during a rotation): same status, not published again.
    const again = await post(carrierId, body, signed(SECRET_OLD, body, String(Math.floor(Date.now() / 1000) - 1)));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'accepted', published: 0, duplicates: 1 });
    await new Promise((r) => setTimeout(r, 500));
    expect(watcher.all(Topics.CarrierReceiptsV1, (r) => r.value.includes(cmid))).toHaveLength(1);
  });

  it('answers a bad signature, a stale timestamp, an unknown carrier and a carrier without callbacks with the same 401', async () => {
    const cmid = uniqueId('cm');
    const body = statusBody(cmid, 'DELIVRD');
    const answers = await Promise.all([
      post(carrierId, body, signed('someone-else-secret-0123', body)),
      post(carrierId, body, signed(SECRET_NEW, body, String(Math.floor(Date.now() / 1000) - 600))),
      post('no-such-carrier', body, signed(SECRET_NEW, body)),
      post(smppId, body, signed(SECRET_NEW, body)),
      post(carrierId, body, {}),
    ]);
    const bodies = await Promise.all(answers.map(async (r) => ({ status: r.status, body: await r.json() })));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]).toEqual({
      status: 401,
      body: expect.objectContaining({
        error: 'UNAUTHORIZED',
        fields: [{ field: 'signature', reason: expect.any(String) }],
      }),
    });
    const metrics = await dispatch.metricsText();
    expect(metrics).toMatch(/webhook_rejections_total\{[^}]*reason="unauthenticated"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/webhook_rejections_total\{[^}]*reason="stale"[^}]*\} [1-9]/);
    expect(watcher.all(Topics.CarrierReceiptsV1, (r) => r.value.includes(cmid))).toHaveLength(0);
  });

  it('refuses an authentic but malformed callback with 400 and the reason, and an unknown status word', async () => {
    const missing = JSON.stringify({ status: 'DELIVRD', timestamp: new Date().toISOString() });
    const res = await post(carrierId, missing, signed(SECRET_NEW, missing));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'BAD_REQUEST',
      fields: [{ field: '$', reason: 'carrierMessageId is required' }],
    });
    const bogus = statusBody(uniqueId('cm'), 'WHATEVER');
    const res2 = await post(carrierId, bogus, signed(SECRET_NEW, bogus));
    expect(res2.status).toBe(400);
    expect(await res2.json()).toMatchObject({ fields: [{ reason: 'status "WHATEVER" is not a known status' }] });
  });

  it('publishes a callback for a message it never sent without a message id: receipts decides (UNKNOWN_MESSAGE after its TTL)', async () => {
    const cmid = uniqueId('cm-unknown');
    const body = statusBody(cmid, 'DELIVRD');
    expect((await post(carrierId, body, signed(SECRET_NEW, body))).status).toBe(200);
    const [record] = await watcher.waitFor(Topics.CarrierReceiptsV1, (r) => r.value.includes(cmid), 1);
    const receipt = JSON.parse(record.value) as CarrierReceiptV1;
    expect(receipt.messageId).toBeUndefined();
    expect(receipt.state).toBe('delivered');
  });
});
