import { DataSource } from 'typeorm';
import { Topics, type CarrierReceiptV1 } from '@herald/contracts';
import {
  KafkaProbe,
  TEST_PII_KEYS,
  TEST_RECIPIENT_TOKEN_KEY,
  collectStatuses,
  publishApproved,
  statusesSoFar,
  testEnv,
  uniqueId,
  waitFor,
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
  type SimHandle,
} from './spec-support/dispatch-harness';

const keys = { tokenKey: TEST_RECIPIENT_TOKEN_KEY, piiKeys: TEST_PII_KEYS };

/** Issue 20 item 4: a final `undelivered` from a carrier that opted in sends the message again through the next one. */
describe('rerouting after undelivered (rerouteOnUndelivered), over two SMSC simulators', () => {
  const probe = new KafkaProbe();
  const first = uniqueId('sim-a');
  const second = uniqueId('sim-b');
  let simA: SimHandle;
  let simB: SimHandle;
  let dispatch: DispatchHandle;
  let watcher: TopicWatcher;

  beforeAll(async () => {
    watcher = await TopicWatcher.start(testEnv().KAFKA_BROKERS, [Topics.SmsStatusV1, Topics.CarrierReceiptsV1]);
    [simA, simB] = await Promise.all([startSimulator(), startSimulator()]);
    await simA.http('POST', '/config', { dlrDelayMs: 50, outcomeMix: { UNDELIV: 1 } });
    await simB.http('POST', '/config', { dlrDelayMs: 50, outcomeMix: { DELIVRD: 1 } });
    const file = writeCarriersFile([
      smppCarrier(first, simA.smppPort, { countries: ['GB'], priority: 1, rerouteOnUndelivered: true }),
      smppCarrier(second, simB.smppPort, { countries: ['GB'], priority: 2 }),
    ]);
    dispatch = await startDispatch(uniqueId('dispatch'), testEnv({ DISPATCH_CARRIERS_FILE: file }));
    await waitFor(
      'both carriers bound',
      () => [first, second].every((id) => dispatch.runtime.fleet.isAvailable(id)) || undefined,
    );
  });

  afterAll(async () => {
    await dispatch?.close();
    await Promise.all([simA?.stop(), simB?.stop()]);
    await watcher?.stop();
    await probe.close();
  });

  it("sends it again as the same message id through the next carrier, publishes only the last attempt's report, and forgets the payload once final", async () => {
    const m = approvedMessage(
      {
        e164: '+447700900777',
        country: 'GB',
        body: 'Your parcel is out for delivery.',
        encoding: 'GSM7',
        segments: 1,
        eventId: uniqueId('ev'),
      },
      keys,
    );
    await publishApproved(probe, [m]);
    const statuses = await collectStatuses(watcher, dispatch.service, [m.messageId], 2, 60_000);
    expect(statuses.map((s) => [s.status, s.carrierId])).toEqual([
      ['submitted', first],
      ['submitted', second],
    ]);
    const [delivered] = await watcher.waitFor(
      Topics.CarrierReceiptsV1,
      (r) => r.key === m.messageId && r.value.includes(second),
      1,
    );
    expect(JSON.parse(delivered.value) as CarrierReceiptV1).toMatchObject({
      carrierId: second,
      messageId: m.messageId,
      state: 'delivered',
    });
    // Each carrier got the message once; the first carrier's UNDELIV never reached carrier.receipts.v1.
    expect(await simA.submits(referenceFor(m.messageId))).toHaveLength(1);
    expect(await simB.submits(referenceFor(m.messageId))).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(watcher.all(Topics.CarrierReceiptsV1, (r) => r.key === m.messageId && r.value.includes(first))).toEqual([]);
    expect(statusesSoFar(watcher, dispatch.service, [m.messageId])).toHaveLength(2);

    const ds = dispatch.app.get(DataSource);
    const row = await waitFor('the payload dropped after the final report', async () => {
      const [r] = (await ds.query(
        `SELECT state, carrier_id, tried_carriers, reroutes, payload IS NULL AS dropped FROM dispatch.send_ledger WHERE message_id = $1`,
        [m.messageId],
      )) as Array<{ state: string; carrier_id: string; tried_carriers: string[]; reroutes: number; dropped: boolean }>;
      return r?.dropped ? r : undefined;
    });
    expect(row).toEqual({
      state: 'submitted',
      carrier_id: second,
      tried_carriers: [first],
      reroutes: 1,
      dropped: true,
    });
    expect(await dispatch.metricsText()).toMatch(
      new RegExp(`reroutes_total\\{[^}]*carrier="${first}"[^}]*outcome="rerouted"[^}]*\\} 1`),
    );
  });

  it('publishes the undelivered report as it is when no other carrier can take the message', async () => {
    await simB.http('POST', '/config', { refuseBinds: ['herald'] });
    await waitFor('the second carrier unbound', () => !dispatch.runtime.fleet.isAvailable(second) || undefined);
    const gb = approvedMessage(
      {
        e164: '+447700900778',
        country: 'GB',
        body: 'Your parcel is out for delivery.',
        encoding: 'GSM7',
        segments: 1,
        eventId: uniqueId('ev'),
      },
      keys,
    );
    await publishApproved(probe, [gb]);
    const [record] = await watcher.waitFor(
      Topics.CarrierReceiptsV1,
      (r) => r.key === gb.messageId && r.value.includes(first),
      1,
    );
    expect(JSON.parse(record.value) as CarrierReceiptV1).toMatchObject({ state: 'undelivered', carrierId: first });
    expect(statusesSoFar(watcher, dispatch.service, [gb.messageId]).map((s) => s.status)).toEqual(['submitted']);
  });
});
