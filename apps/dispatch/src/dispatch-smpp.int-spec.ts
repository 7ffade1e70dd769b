import { DataSource } from 'typeorm';
import {
  recipientTokenFor,
  Topics,
  type CarrierInboundV1,
  type CarrierReceiptV1,
  type SmsApprovedV1,
} from '@herald/contracts';
import { PiiCipher } from '@herald/pii';
import { splitSegments } from '@herald/sms-encoding';
import {
  KafkaProbe,
  TEST_PII_KEYS,
  TEST_RECIPIENT_TOKEN_KEY,
  testEnv,
  uniqueId,
  waitFor,
  collectStatuses,
  publishApproved,
  statusesSoFar,
  TopicWatcher,
} from '@herald/testing';
import { referenceFor } from './domain/message-reference';
import {
  approvedMessage,
  smppCarrier,
  startDispatch,
  startSimulator,
  writeCarriersFile,
  type DispatchHandle,
  type MessageSpec,
  type SimHandle,
} from './spec-support/dispatch-harness';

const keys = { tokenKey: TEST_RECIPIENT_TOKEN_KEY, piiKeys: TEST_PII_KEYS };
const gb = (n: number) => `+447700900${String(n).padStart(3, '0')}`;

describe('dispatch over SMPP against the SMSC simulator', () => {
  const probe = new KafkaProbe();
  const carrierId = uniqueId('sim');
  let sim: SimHandle;
  let dispatch: DispatchHandle;
  let watcher: TopicWatcher;

  const message = (over: Partial<MessageSpec> = {}): SmsApprovedV1 =>
    approvedMessage(
      {
        e164: gb(1),
        country: 'GB',
        body: 'Your order 10023 has shipped.',
        encoding: 'GSM7',
        segments: 1,
        eventId: uniqueId('ev'),
        ...over,
      },
      keys,
    );

  beforeAll(async () => {
    watcher = await TopicWatcher.start(testEnv().KAFKA_BROKERS, [
      Topics.SmsStatusV1,
      Topics.CarrierReceiptsV1,
      Topics.CarrierInboundV1,
    ]);
    sim = await startSimulator();
    const file = writeCarriersFile([smppCarrier(carrierId, sim.smppPort, { windowSize: 20 })]);
    dispatch = await startDispatch(
      uniqueId('dispatch'),
      testEnv({
        DISPATCH_CARRIERS_FILE: file,
        DISPATCH_CIRCUIT_OPEN_MS: '300',
        DISPATCH_SUBMIT_TIMEOUT_MS: '30000',
        DISPATCH_RECONNECT_MIN_MS: '50',
        DISPATCH_RECONNECT_MAX_MS: '200',
      }),
    );
    await waitFor('carrier bound', () => dispatch.runtime.fleet.anyBound());
  });

  afterEach(async () => {
    await sim.http('POST', '/reset');
  });

  afterAll(async () => {
    await dispatch?.close();
    await sim?.stop();
    await watcher?.stop();
    await probe.close();
  });

  it('reports the bind on /health/ready', async () => {
    const res = await fetch(`${dispatch.mgmtUrl}/health/ready`);
    expect(((await res.json()) as { checks: Record<string, { ok: boolean }> }).checks.carriers).toEqual({ ok: true });
  });

  it('sends a multipart UCS-2 message that the simulator reassembles intact', async () => {
    const body =
      'Ваш заказ 10023 отправлен 📦 и будет у вас завтра. Спасибо, что выбрали нас! — Ваш магазин Herald, 你好';
    const parts = splitSegments(body, 'UCS2');
    expect(parts.length).toBeGreaterThan(1);
    const m = message({ body, encoding: 'UCS2', segments: parts.length, e164: gb(2) });
    await publishApproved(probe, [m]);

    const [status] = await collectStatuses(watcher, dispatch.service, [m.messageId], 1);
    expect(status).toMatchObject({
      status: 'submitted',
      carrierId,
      attempt: 1,
      meta: { segments: parts.length, encoding: 'UCS2' },
    });
    const records = await sim.submits(referenceFor(m.messageId));
    expect(records).toHaveLength(parts.length);
    for (const r of records) {
      expect(r).toMatchObject({
        assembledText: body,
        dataCoding: 8,
        destination: '447700900002',
        registeredDelivery: 1,
        statusName: 'ESME_ROK',
      });
      expect(r.concat).toMatchObject({ method: 'udh', total: parts.length });
      expect(r.validityPeriod).toMatch(/^0000000\d{5}000R$/);
    }
    expect(status.carrierMessageId).toBe(records.find((r) => r.concat?.index === 1)?.messageId);
  });

  it('passes India DLT ids as TLVs', async () => {
    const m = message({
      e164: '+919876543210',
      country: 'IN',
      entityId: '1101234567890123456',
      registeredTemplateId: '1107161234567890123',
    });
    await publishApproved(probe, [m]);
    await collectStatuses(watcher, dispatch.service, [m.messageId], 1);
    const [record] = await sim.submits(referenceFor(m.messageId));
    expect(record.tlvs).toMatchObject({ '0x1400': '1101234567890123456', '0x1401': '1107161234567890123' });
  });

  it('delivers 200 messages exactly once while the carrier throttles 20% of submits', async () => {
    await sim.http('POST', '/config', { throttleRate: 0.2, sendDlrs: false });
    const messages = Array.from({ length: 200 }, (_, i) => message({ e164: gb(100 + i) }));
    await publishApproved(probe, messages);

    const ids = messages.map((m) => m.messageId);
    const statuses = await collectStatuses(watcher, dispatch.service, ids, 200, 90000);
    expect(statuses.every((s) => s.status === 'submitted')).toBe(true);
    expect(new Set(statuses.map((s) => s.messageId)).size).toBe(200);
    const stats = await sim.http<{ duplicates: { total: number }; submits: { byStatus: Record<string, number> } }>(
      'GET',
      '/stats',
    );
    expect(stats.duplicates.total).toBe(0);
    expect(stats.submits.byStatus.ESME_RTHROTTLED).toBeGreaterThan(10);
    for (const m of messages) {
      const accepted = (await sim.submits(referenceFor(m.messageId))).filter((r) => r.status === 0);
      expect(accepted).toHaveLength(1);
    }
    const rows = await dispatch.app
      .get(DataSource)
      .query(
        `SELECT state, count(*)::int AS n FROM dispatch.send_ledger WHERE message_id = ANY($1::uuid[]) GROUP BY state`,
        [messages.map((m) => m.messageId)],
      );
    expect(rows).toEqual([{ state: 'submitted', n: 200 }]);
    expect(statusesSoFar(watcher, dispatch.service, ids)).toHaveLength(200);
    expect(await dispatch.metricsText()).toMatch(
      new RegExp(`carrier_throttles_total\\{[^}]*carrier="${carrierId}"[^}]*\\} [1-9]`),
    );
  });

  it('fails a message the carrier refuses for good, with the raw status', async () => {
    await sim.http('POST', '/config', { forcedOutcomes: { '998': 'ESME_RINVDSTADR' } });
    const m = message({ e164: gb(998) });
    await publishApproved(probe, [m]);
    const [status] = await collectStatuses(watcher, dispatch.service, [m.messageId], 1);
    expect(status).toMatchObject({
      status: 'failed',
      reasonCode: 'CARRIER_PERMANENT',
      rawStatus: 'ESME_RINVDSTADR',
      carrierId,
    });
  });

  it('never submits an expired OTP, nor one whose TTL runs out while the carrier throttles', async () => {
    const stale = message({
      category: 'otp',
      body: 'Your code is 482913',
      expiresAt: new Date(Date.now() - 1000),
      e164: gb(11),
    });
    await publishApproved(probe, [stale]);
    const [expired] = await collectStatuses(watcher, dispatch.service, [stale.messageId], 1);
    expect(expired).toMatchObject({ status: 'expired', reasonCode: 'TTL_EXPIRED' });
    expect(await sim.submits(referenceFor(stale.messageId))).toEqual([]);

    await sim.http('POST', '/config', { throttleRate: 1 });
    const starved = message({ category: 'otp', body: 'Your code is 771204', ttlSeconds: 3, e164: gb(12) });
    await publishApproved(probe, [starved]);
    const [late] = await collectStatuses(watcher, dispatch.service, [starved.messageId], 1);
    expect(late).toMatchObject({ status: 'expired', reasonCode: 'TTL_EXPIRED' });
    const tries = await sim.submits(referenceFor(starved.messageId));
    expect(tries.length).toBeGreaterThan(0);
    expect(tries.every((r) => r.statusName === 'ESME_RTHROTTLED')).toBe(true);
  });

  it('publishes the DLR on carrier.receipts.v1 keyed by our message id and without the text', async () => {
    await sim.http('POST', '/config', { dlrDelayMs: 20, dlrEchoText: true, outcomeMix: { DELIVRD: 1 } });
    const m = message({ category: 'otp', body: 'Your code is 635201', e164: gb(13) });
    await publishApproved(probe, [m]);
    const [status] = await collectStatuses(watcher, dispatch.service, [m.messageId], 1);
    const [record] = await watcher.waitFor(
      Topics.CarrierReceiptsV1,
      (r) => r.key === m.messageId && r.value.includes(carrierId),
      1,
    );
    const receipt = JSON.parse(record.value) as CarrierReceiptV1;
    expect(receipt).toMatchObject({
      carrierId,
      carrierMessageId: status.carrierMessageId,
      messageId: m.messageId,
      state: 'delivered',
      rawStat: 'DELIVRD',
      rawErr: '000',
    });
    expect(receipt.dlrText).toMatch(
      /^id:\S+ sub:001 dlvrd:001 submit date:\d{10} done date:\d{10} stat:DELIVRD err:000$/,
    );
    expect(record.value).not.toContain('635201');
  });

  it('publishes an MO STOP on carrier.inbound.v1 with a token and no raw number', async () => {
    await sim.http('POST', '/mo', { from: '+447700900123', to: '36123', text: 'STOP' });
    const token = recipientTokenFor(TEST_RECIPIENT_TOKEN_KEY, '+447700900123');
    const [record] = await watcher.waitFor(
      Topics.CarrierInboundV1,
      (r) => r.key === token && r.value.includes(carrierId),
      1,
    );
    const mo = JSON.parse(record.value) as CarrierInboundV1;
    expect(mo).toMatchObject({ carrierId, text: 'STOP', to: '36123', recipient: { token, country: 'GB' } });
    expect(mo.inboundId).toMatch(new RegExp(`^${carrierId}-[0-9a-f]{40}$`));
    expect(record.value).not.toContain('7700900123');
    expect(PiiCipher.fromSpec(TEST_PII_KEYS).decrypt(mo.recipient.phoneEnc)).toBe('+447700900123');
  });
});
