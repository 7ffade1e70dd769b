import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dlqTopicOf, Topics, type SmsApprovedV1, type SmsOptoutV1, type SmsStatusV1 } from '@herald/contracts';
import { DlqHeader } from '@herald/kafka';
import { PiiCipher } from '@herald/pii';
import { KafkaProbe, TEST_PII_KEYS, TEST_RECIPIENT_TOKEN_KEY, deadLetterValue, testEnv } from '@herald/testing';
import { CapCounterRepository } from './adapters/cap-counter.repository';
import {
  ADMIN_TOKEN,
  baseUrl,
  ComplianceTestKit,
  forMessage,
  payloadOf,
  randomMobile,
  TopicTap,
  writeRules,
} from './spec-support/compliance-test-kit';

// No quiet hours (tests run at any hour) and a tight transactional cap to see it bite.
const rulesFile = writeRules((r) => {
  r.quietHours = [];
  r.frequencyCaps = [{ name: 'tx-hourly', categories: ['transactional'], limit: 1, windowSeconds: 3600 }];
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('compliance service on the real broker and database', () => {
  const probe = new KafkaProbe();
  const kit = new ComplianceTestKit({
    probe,
    piiKeys: TEST_PII_KEYS,
    tokenKey: TEST_RECIPIENT_TOKEN_KEY,
    env: testEnv,
  });
  let app: INestApplication;
  let tap: TopicTap;
  let url: string;
  const admin = (path: string, method: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const statusOf = async (messageId: string) =>
    payloadOf<SmsStatusV1>((await tap.wait(`status of ${messageId}`, forMessage(Topics.SmsStatusV1, messageId)))[0]);
  const approvedOf = async (messageId: string) =>
    payloadOf<SmsApprovedV1>(
      (await tap.wait(`approval of ${messageId}`, forMessage(Topics.SmsApprovedV1, messageId)))[0],
    );

  beforeAll(async () => {
    const group = await kit.freshGroup();
    tap = await kit.openTap([
      Topics.SmsStatusV1,
      Topics.SmsApprovedV1,
      Topics.SmsOptoutsV1,
      dlqTopicOf(Topics.SmsRenderedV1),
    ]);
    app = await kit.start(group, rulesFile);
    url = baseUrl(app);
    // Warm-up: once a message has gone through, the group owns its partitions and fetches.
    const warm = kit.rendered(randomMobile());
    await kit.publishRendered(warm);
    await tap.wait('warm-up approval', forMessage(Topics.SmsApprovedV1, warm.messageId), 1, 60_000);
  });

  afterAll(async () => {
    await app?.close();
    await tap?.close();
    await probe.close();
  });

  it('approves a clean message with the sender of its country, keyed by recipient token', async () => {
    const m = kit.rendered(randomMobile());
    await kit.publishRendered(m);
    const [record] = await tap.wait('approval', forMessage(Topics.SmsApprovedV1, m.messageId));
    expect(record.key).toBe(m.recipient.token);
    expect(payloadOf<SmsApprovedV1>(record)).toEqual({ ...m, senderId: 'Herald', approvedAt: expect.any(String) });
    expect(record.value).not.toContain('+336');
  });

  it('blocks the next message within one second of a STOP on sms.optouts.v1', async () => {
    const phone = randomMobile();
    const stop = kit.optout(phone, { keyword: 'STOP' });
    await kit.publishOptout(stop);
    await sleep(1000);
    const m = kit.rendered(phone);
    await kit.publishRendered(m);
    expect(await statusOf(m.messageId)).toMatchObject({
      status: 'suppressed',
      reasonCode: 'OPTED_OUT',
      service: expect.stringMatching(/^compliance-it-/),
    });
    expect(tap.records.some(forMessage(Topics.SmsApprovedV1, m.messageId))).toBe(false);

    // Only the confirmation receipts sends in answer to that STOP goes out (issue 19).
    const reply = { id: kit.eventId(), type: 'carrier.inbound', source: 'herald/receipts', time: stop.at };
    const confirmation = kit.rendered(phone, { templateKey: 'system.stop_confirmation', sourceEvent: reply });
    await kit.publishRendered(confirmation);
    await approvedOf(confirmation.messageId);
    const help = kit.rendered(phone, { templateKey: 'system.help', sourceEvent: { ...reply, id: kit.eventId() } });
    const requested = kit.rendered(phone, { templateKey: 'system.stop_confirmation' });
    await kit.publishRendered(help);
    await kit.publishRendered(requested);
    expect(await statusOf(help.messageId)).toMatchObject({ status: 'suppressed', reasonCode: 'OPTED_OUT' });
    expect(await statusOf(requested.messageId)).toMatchObject({ status: 'suppressed', reasonCode: 'OPTED_OUT' });
  });

  it('ignores an opt-out change older than the stored one', async () => {
    const phone = randomMobile();
    const t0 = Date.now();
    await kit.publishOptout(kit.optout(phone, { action: 'opt_in', keyword: 'START', at: new Date(t0).toISOString() }));
    await kit.publishOptout(kit.optout(phone, { action: 'opt_out', at: new Date(t0 - 60_000).toISOString() }));
    await sleep(1000);
    const m = kit.rendered(phone);
    await kit.publishRendered(m);
    await approvedOf(m.messageId);
  });

  it('enforces a cap across two different event types', async () => {
    const phone = randomMobile();
    const time = new Date().toISOString();
    const placed = kit.rendered(phone, {
      sourceEvent: { id: kit.eventId(), type: 'order.placed', source: 'test/shop', time },
    });
    const shipped = kit.rendered(phone, {
      templateKey: 'order_shipped',
      sourceEvent: { id: kit.eventId(), type: 'order.shipped', source: 'test/shop', time },
    });
    await kit.publishRendered(placed);
    await kit.publishRendered(shipped);
    await approvedOf(placed.messageId);
    expect(await statusOf(shipped.messageId)).toMatchObject({
      status: 'suppressed',
      reasonCode: 'FREQUENCY_CAP',
      meta: { sourceEventType: 'order.shipped' },
    });
    expect(tap.records.some(forMessage(Topics.SmsApprovedV1, shipped.messageId))).toBe(false);
  });

  it('suppresses promotional without consent and sends it once consent is recorded through the API', async () => {
    const phone = randomMobile();
    const promo = () =>
      kit.rendered(phone, {
        category: 'promotional',
        templateKey: 'promo.spring',
        sourceEvent: {
          id: kit.eventId(),
          type: 'customer.registered',
          source: 'test/crm',
          time: new Date().toISOString(),
        },
      });
    const without = promo();
    await kit.publishRendered(without);
    expect(await statusOf(without.messageId)).toMatchObject({ status: 'suppressed', reasonCode: 'NO_CONSENT' });

    const res = await admin('/v1/consents', 'POST', {
      phone,
      brand: 'maison-durand',
      purpose: 'marketing',
      legalBasis: 'consent',
      source: 'checkout-form',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      recipientToken: kit.tokenOf(phone),
      recordedBy: 'it-admin',
      revokedAt: null,
    });
    const withConsent = promo();
    await kit.publishRendered(withConsent);
    await approvedOf(withConsent.messageId);
  });

  it('records an opt-out from the admin API with an audit trail and publishes it on sms.optouts.v1', async () => {
    const phone = randomMobile();
    const res = await admin('/v1/optouts', 'POST', {
      phone,
      brand: 'maison-durand',
      reason: 'customer called support',
    });
    expect(res.status).toBe(201);
    const [published] = await tap.wait(
      'published opt-out',
      (r) => r.topic === Topics.SmsOptoutsV1 && r.key === kit.tokenOf(phone),
    );
    expect(payloadOf<SmsOptoutV1>(published)).toMatchObject({
      action: 'opt_out',
      source: 'api',
      actor: 'it-admin',
      brand: 'maison-durand',
    });

    const m = kit.rendered(phone);
    await kit.publishRendered(m);
    expect(await statusOf(m.messageId)).toMatchObject({ status: 'suppressed', reasonCode: 'OPTED_OUT' });

    expect(
      (await admin('/v1/optouts', 'DELETE', { phone, brand: 'maison-durand', reason: 'opted back in by phone' }))
        .status,
    ).toBe(200);
    const view = (await (await admin(`/v1/optouts?recipient=${encodeURIComponent(phone)}`, 'GET')).json()) as {
      states: unknown[];
      audit: Array<{ action: string; actor: string; reason: string }>;
    };
    expect(view.states).toEqual([
      expect.objectContaining({ brand: 'maison-durand', optedOut: false, source: 'api', actor: 'it-admin' }),
    ]);
    expect(view.audit.map((a) => [a.action, a.actor, a.reason])).toEqual([
      ['opt_in', 'it-admin', 'opted back in by phone'],
      ['opt_out', 'it-admin', 'customer called support'],
    ]);
  });

  it('answers bad admin calls with 401 and field-level 400s', async () => {
    expect((await fetch(`${url}/v1/optouts?token=${'a'.repeat(64)}`)).status).toBe(401);
    const res = await admin('/v1/optouts', 'POST', { phone: '12', brand: 'x' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'VALIDATION_FAILED',
      message: expect.stringContaining('phone'),
      fields: [{ field: 'phone', reason: expect.stringContaining('E.164') }],
    });
    const bad = (await (
      await admin('/v1/consents', 'POST', { brand: 'x', purpose: 'Nope!', legalBasis: 'whim', source: 'x' })
    ).json()) as { fields: Array<{ field: string }> };
    expect(bad.fields.map((f) => f.field)).toEqual(['purpose', 'legalBasis']);
    const malformed = await fetch(`${url}/v1/optouts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{"phone": "+336',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'BAD_REQUEST', fields: [{ field: '$' }] });
    expect(await (await admin('/v1/consents/not-a-uuid', 'DELETE')).json()).toMatchObject({
      error: 'VALIDATION_FAILED',
      fields: [{ field: 'id', reason: 'must be a UUID' }],
    });
    expect(
      await (await admin(`/v1/consents/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, 'DELETE')).json(),
    ).toMatchObject({ error: 'NOT_FOUND' });
  });

  it('suppresses an undecryptable number with INVALID_NUMBER and sends the record to the DLQ', async () => {
    const foreign = PiiCipher.fromSpec(`t1:${Buffer.alloc(32, 9).toString('base64')}`);
    const m = kit.rendered(randomMobile());
    m.recipient.phoneEnc = foreign.encrypt('+33612345678');
    await kit.publishRendered(m);
    expect(await statusOf(m.messageId)).toMatchObject({ status: 'suppressed', reasonCode: 'INVALID_NUMBER' });
    const [dlq] = await tap.wait(
      'DLQ copy',
      (r) =>
        r.topic === dlqTopicOf(Topics.SmsRenderedV1) &&
        r.bytes !== null &&
        (deadLetterValue(r) ?? '').includes(m.messageId),
    );
    expect(dlq.headers[DlqHeader.code]).toBe('CONTRACT_VIOLATION');
  });

  it('merges cap counters on write instead of overwriting, and drops entries that left the window', async () => {
    const caps = app.get(CapCounterRepository);
    const ds = app.get(DataSource);
    const token = kit.tokenOf(randomMobile());
    const now = Date.now();
    const write = (entries: Array<{ id: string; at: number }>) =>
      caps.save(ds, [{ recipientToken: token, capName: 'tx-hourly', windowMs: 3_600_000, entries }], new Date(now));
    await write([
      { id: 'stale', at: now - 3_600_000 },
      { id: 'a', at: now - 10 },
    ]);
    await write([{ id: 'b', at: now - 5 }]);
    await write([{ id: 'a', at: now - 10 }]);
    const [counter] = await caps.loadFor(ds, [token]);
    expect(counter.entries.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('keeps its state in PostgreSQL schema compliance', async () => {
    const tables = await app
      .get(DataSource)
      .query<Array<{ table_name: string }>>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'compliance'",
      );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['cap_counters', 'consents', 'deferred_messages', 'optout_audit', 'optouts']),
    );
  });

  it('refuses to start on an invalid rules file with one line naming it', async () => {
    const bad = writeRules(
      (r) => (r.quietHours = [{ countries: ['*'], categories: ['otp'], window: { start: '21:00', end: '08:00' } }]),
    );
    await expect(kit.start('compliance-bad-rules', bad)).rejects.toThrow(
      /^invalid configuration: COMPLIANCE_RULES_FILE: .*rules\.json: quietHours\[0\]\.categories: otp messages are never deferred; remove it$/,
    );
  });
});
