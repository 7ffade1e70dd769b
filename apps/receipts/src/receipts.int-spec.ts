import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { INestApplication } from '@nestjs/common';
import Ajv2020 from 'ajv/dist/2020';
import * as pg from 'pg';
import addFormats from 'ajv-formats';
import { DataSource } from 'typeorm';
import {
  HeraldError,
  dlqTopicOf,
  messageIdFor,
  recipientTokenFor,
  Topics,
  type CarrierInboundV1,
  type CarrierReceiptV1,
  type DeliveryState,
  type SmsOptoutV1,
  type SmsReceiptV1,
  type SmsRequestedV1,
  type SmsStatusV1,
} from '@herald/contracts';
import { DlqHeader, Publisher, type BatchContext, type ConsumedMessage, type OutboundRecord } from '@herald/kafka';
import { PiiCipher } from '@herald/pii';
import { createServiceApp, loadConfig, managementUrl } from '@herald/service-kit';
import {
  KafkaProbe,
  TEST_PII_KEYS,
  TEST_RECIPIENT_TOKEN_KEY,
  deadLetterValue,
  testEnv,
  uniqueId,
  waitFor,
} from '@herald/testing';
import { ReceiptsConfig } from './receipts.config';
import { receiptsDefinition } from './receipts.definition';
import { RECEIPT_SCHEMA_PATH } from './schema/receipt-schema';
import { ReceiptsSweeper } from './application/receipts-sweeper.service';
import { CarrierReceiptHandler } from './handlers/carrier-receipt.handler';
import { SmsStatusHandler } from './handlers/sms-status.handler';

// Receipts are read from here on; a minute of slack covers clock skew between us and the broker.
const suiteStart = Date.now() - 60_000;
const root = path.resolve(__dirname, '../../..');
const API_KEY = `it-${randomUUID()}`;
const CARRIER = 'sim-it';
const group = uniqueId('receipts-it');
const consumed = [Topics.SmsStatusV1, Topics.CarrierReceiptsV1, Topics.CarrierInboundV1];
const ourMessages = new Set<string>();

// +33 61 is an allocated French mobile range, so every draw normalizes.
const randomMobile = () => `+3361${String(randomBytes(4).readUInt32BE() % 10_000_000).padStart(7, '0')}`;

function statusOf(
  messageId: string,
  token: string,
  status: SmsStatusV1['status'],
  extra: Partial<SmsStatusV1> = {},
): SmsStatusV1 {
  ourMessages.add(messageId);
  const meta = {
    sourceEventId: `ev-${messageId}`,
    sourceEventType: 'order.placed',
    templateKey: 'order_placed',
    locale: 'fr-FR',
    category: 'transactional' as const,
    country: 'FR',
    recipientToken: token,
    segments: 1,
    encoding: 'GSM7' as const,
  };
  return { messageId, status, service: 'it', at: new Date().toISOString(), meta, ...extra };
}

// The canonical state dispatch's SMPP plugin gives each stat word.
const STATE_OF: Record<string, DeliveryState> = { DELIVRD: 'delivered', UNDELIV: 'undelivered' };

function dlrOf(carrierMessageId: string, rawStat: string, extra: Partial<CarrierReceiptV1> = {}): CarrierReceiptV1 {
  return {
    carrierId: CARRIER,
    carrierMessageId,
    state: STATE_OF[rawStat] ?? 'unknown',
    rawStat,
    rawErr: '000',
    dlrText: `id:${carrierMessageId} stat:${rawStat} err:000`,
    receivedAt: new Date().toISOString(),
    ...extra,
  };
}

/**
 * sms.receipts.v1 as an analyst's outside client reads it: kcat, streamed line by line, from the
 * suite's start time to the end (the shared topic keeps 30 days of everyone's receipts).
 */
async function kcatReceipts(sinceMs: number): Promise<Array<{ id: string; receipt: SmsReceiptV1 }>> {
  const kcat = spawn('kcat', [
    '-b',
    process.env.KAFKA_BROKERS!,
    '-C',
    '-t',
    Topics.SmsReceiptsV1,
    '-o',
    `s@${sinceMs}`,
    '-e',
    '-q',
    '-J',
  ]);
  const out: Array<{ id: string; receipt: SmsReceiptV1 }> = [];
  for await (const line of createInterface({ input: kcat.stdout })) {
    if (!line) continue;
    const r = JSON.parse(line) as { payload: string; headers?: string[] };
    const receipt = JSON.parse(r.payload) as SmsReceiptV1;
    if (ourMessages.has(receipt.messageId))
      out.push({ id: r.headers?.[r.headers.indexOf('ce_id') + 1] ?? '', receipt });
  }
  const code = await new Promise<number | null>((resolve) =>
    kcat.exitCode !== null ? resolve(kcat.exitCode) : kcat.once('exit', resolve),
  );
  if (code !== 0) throw new Error(`kcat exited with ${code}`);
  return out;
}

async function receiptsFor(messageId: string): Promise<SmsReceiptV1[]> {
  const all = await kcatReceipts(suiteStart);
  // Receipts are at-least-once with a deterministic ce_id per transition: dedupe on it, as analysts do.
  const byId = new Map(all.filter((r) => r.receipt.messageId === messageId).map((r) => [r.id, r.receipt]));
  return [...byId.values()];
}

describe('receipts service on the real broker and database', () => {
  const probe = new KafkaProbe();
  let app: INestApplication;
  let ds: DataSource;
  let base: string;
  let mgmt: string;
  const get = (url: string, key: string | null = API_KEY) =>
    fetch(`${base}${url}`, { headers: key ? { 'x-api-key': key } : {} });
  const metricsText = () => fetch(`${mgmt}/metrics`).then((r) => r.text());
  const prefix = `herald_${group.replace(/-/g, '_')}_`;

  beforeAll(async () => {
    // A fresh group would start from the beginning of shared topics; start it at their ends instead.
    const admin = probe.client.admin();
    await admin.connect();
    for (const topic of consumed) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId: group,
        topic,
        partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
      });
    }
    await admin.disconnect();
    const config = loadConfig(
      ReceiptsConfig,
      testEnv({
        RECEIPTS_API_KEYS: `support:${API_KEY}`,
        RECEIPTS_PENDING_DLR_TTL_SECONDS: '8',
        RECEIPTS_SWEEP_INTERVAL_MS: '300',
      }),
    );
    app = await createServiceApp(receiptsDefinition(group), config);
    ds = app.get(DataSource);
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    mgmt = managementUrl(app);
    await waitFor(
      'the consumer group to join',
      async () => (await fetch(`${mgmt}/health/ready`)).status === 200,
      60000,
      250,
    );
  });

  afterAll(async () => {
    await app?.close();
    await probe.close();
  });

  const token = recipientTokenFor(TEST_RECIPIENT_TOKEN_KEY, randomMobile());
  const phone = randomMobile();
  const phoneToken = recipientTokenFor(TEST_RECIPIENT_TOKEN_KEY, phone);
  const ordered = { messageId: randomUUID(), cmid: uniqueId('cm') };

  it('applies a DLR that arrived before its submit once the submit arrives, and ignores duplicates and late DLRs', async () => {
    // An `accepted` status (as an older ingest sent) is recorded on the timeline but, under the default
    // RECEIPTS_PUBLISH=milestones, is no public receipt: submitted and the final state are.
    const { messageId, cmid } = ordered;
    await probe.publishEvent(Topics.SmsStatusV1, statusOf(messageId, phoneToken, 'accepted'), { key: messageId });
    await probe.publishEvent(Topics.CarrierReceiptsV1, dlrOf(cmid, 'DELIVRD'), { key: cmid });
    await waitFor(
      'the early DLR to be held',
      async () =>
        (
          await ds.query('SELECT 1 FROM receipts.pending_dlrs WHERE carrier_id = $1 AND carrier_message_id = $2', [
            CARRIER,
            cmid,
          ])
        ).length === 1,
    );
    await probe.publishEvent(
      Topics.SmsStatusV1,
      statusOf(messageId, phoneToken, 'submitted', { carrierId: CARRIER, carrierMessageId: cmid, attempt: 1 }),
      { key: messageId },
    );

    const found = await waitFor(
      'two receipts',
      async () => ((await receiptsFor(messageId)).length >= 2 ? receiptsFor(messageId) : undefined),
      60000,
      500,
    );
    expect(found.map((r) => r.state)).toEqual(['submitted', 'delivered']);
    expect(found[1]).toMatchObject({
      previousState: 'submitted',
      isFinal: true,
      rawStatus: 'DELIVRD',
      rawErrorCode: '000',
      carrierId: CARRIER,
      recipientToken: phoneToken,
    });
    expect(found[1].latencyMs?.submittedToFinal).toBeGreaterThanOrEqual(0);
    expect((await ds.query('SELECT 1 FROM receipts.pending_dlrs WHERE carrier_message_id = $1', [cmid])).length).toBe(
      0,
    );

    await probe.publishEvent(Topics.CarrierReceiptsV1, dlrOf(cmid, 'DELIVRD'), { key: cmid });
    await probe.publishEvent(Topics.CarrierReceiptsV1, dlrOf(cmid, 'UNDELIV', { rawErr: '011' }), { key: cmid });
    await waitFor(
      'the late DLR on the timeline',
      async () =>
        (
          await ds.query(
            `SELECT 1 FROM receipts.messages WHERE message_id = $1 AND timeline @> '[{"rawStatus":"UNDELIV","applied":false}]'`,
            [messageId],
          )
        ).length === 1,
    );
    expect((await receiptsFor(messageId)).map((r) => r.state)).toEqual(['submitted', 'delivered']);
    const [row] = await ds.query('SELECT state, is_final FROM receipts.messages WHERE message_id = $1', [messageId]);
    expect(row).toEqual({ state: 'delivered', is_final: true });
  });

  it('serves the timeline and recipient lookups to API-key holders only', async () => {
    const res = await get(`/v1/messages/${ordered.messageId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      timeline: Array<{ kind: string; state?: string; applied: boolean; ignoredReason?: string }>;
    };
    expect(body).toMatchObject({
      messageId: ordered.messageId,
      state: 'delivered',
      isFinal: true,
      carrierMessageId: ordered.cmid,
    });
    const events = body.timeline.map((t) => [t.kind, t.state, t.applied, t.ignoredReason ?? null]);
    expect(events).toEqual([
      ['status', 'accepted', true, null],
      ['status', 'submitted', true, null],
      ['dlr', 'delivered', true, null],
      ['dlr', 'undelivered', false, 'after_final'],
    ]);

    const list = await get(`/v1/messages?recipient=${encodeURIComponent(phone.replace('+33', '0'))}&country=FR`);
    expect(list.status).toBe(200);
    const { messages } = (await list.json()) as { messages: Array<{ messageId: string }> };
    expect(messages.map((m) => m.messageId)).toContain(ordered.messageId);
    expect(JSON.stringify(messages)).not.toContain(phone.slice(3));
    // The operator console asks by the token it computed, or by the business event's id.
    const { recipientToken, sourceEventId } = body as unknown as { recipientToken: string; sourceEventId: string };
    for (const query of [`recipientToken=${recipientToken}`, `eventId=${encodeURIComponent(sourceEventId)}`]) {
      const found = (await (await get(`/v1/messages?${query}`)).json()) as { messages: Array<{ messageId: string }> };
      expect(found.messages.map((m) => m.messageId)).toContain(ordered.messageId);
    }
    expect(
      ((await (await get(`/v1/messages?eventId=${randomUUID()}`)).json()) as { messages: unknown[] }).messages,
    ).toEqual([]);
    expect(await (await get('/v1/messages')).json()).toMatchObject({
      error: 'BAD_REQUEST',
      fields: [{ field: 'recipient' }],
    });

    const anonymous = await get(`/v1/messages/${ordered.messageId}`, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await get(`/v1/messages/${ordered.messageId}`, 'not-a-key-at-all-000');
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: 'FORBIDDEN', fields: [{ field: 'authorization' }] });
    const bearer = await fetch(`${base}/v1/messages/${ordered.messageId}`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(bearer.status).toBe(200);
    expect((await get('/v1/messages/not-a-uuid')).status).toBe(400);
    expect((await get(`/v1/messages/${randomUUID()}`)).status).toBe(404);
    const badPhone = await get('/v1/messages?recipient=12');
    expect(badPhone.status).toBe(400);
    expect(await badPhone.json()).toMatchObject({ error: 'INVALID_PHONE', fields: [{ field: 'recipient' }] });
  });

  it('answers why a message ended as it did: top-level reasonCode and reason for suppressed, failed and undelivered', async () => {
    const suppressed = randomUUID();
    const failed = randomUUID();
    const undelivered = { messageId: randomUUID(), cmid: uniqueId('undeliv') };
    const delivered = { messageId: randomUUID(), cmid: uniqueId('deliv') };
    await probe.publishEvent(
      Topics.SmsStatusV1,
      statusOf(suppressed, phoneToken, 'suppressed', {
        reasonCode: 'OPTED_OUT',
        reason: 'recipient opted out of maison-durand',
      }),
      { key: suppressed },
    );
    await probe.publishEvent(
      Topics.SmsStatusV1,
      statusOf(failed, phoneToken, 'failed', { reasonCode: 'UNKNOWN_TEMPLATE' }),
      { key: failed },
    );
    await probe.publishEvent(
      Topics.SmsStatusV1,
      statusOf(undelivered.messageId, phoneToken, 'submitted', {
        carrierId: CARRIER,
        carrierMessageId: undelivered.cmid,
        attempt: 1,
      }),
      { key: undelivered.messageId },
    );
    await probe.publishEvent(Topics.CarrierReceiptsV1, dlrOf(undelivered.cmid, 'UNDELIV', { rawErr: '001' }), {
      key: undelivered.cmid,
    });
    await probe.publishEvent(
      Topics.SmsStatusV1,
      statusOf(delivered.messageId, phoneToken, 'submitted', {
        carrierId: CARRIER,
        carrierMessageId: delivered.cmid,
        attempt: 1,
      }),
      { key: delivered.messageId },
    );
    await probe.publishEvent(Topics.CarrierReceiptsV1, dlrOf(delivered.cmid, 'DELIVRD'), { key: delivered.cmid });
    const ids = [suppressed, failed, undelivered.messageId, delivered.messageId];
    await waitFor(
      'four final messages',
      async () =>
        (await ds.query('SELECT 1 FROM receipts.messages WHERE message_id = ANY($1::uuid[]) AND is_final', [ids]))
          .length === 4,
    );

    const view = async (id: string) => (await (await get(`/v1/messages/${id}`)).json()) as Record<string, unknown>;
    expect(await view(suppressed)).toMatchObject({
      state: 'suppressed',
      reasonCode: 'OPTED_OUT',
      reason: 'recipient opted out of maison-durand',
    });
    expect(await view(failed)).toMatchObject({
      state: 'failed',
      reasonCode: 'UNKNOWN_TEMPLATE',
      reason: 'No template for the key in any fallback locale.',
    });
    expect(await view(undelivered.messageId)).toMatchObject({
      state: 'undelivered',
      reasonCode: 'DLR_UNDELIV',
      reason: `carrier ${CARRIER} reported UNDELIV, error 001`,
    });
    const ok = await view(delivered.messageId);
    expect(ok.state).toBe('delivered');
    expect(ok).not.toHaveProperty('reasonCode');
    expect(ok).not.toHaveProperty('reason');

    const list = await get(`/v1/messages?recipient=${encodeURIComponent(phone)}&limit=200`);
    const { messages } = (await list.json()) as { messages: Array<{ messageId: string; reasonCode?: string }> };
    expect(messages.find((m) => m.messageId === suppressed)?.reasonCode).toBe('OPTED_OUT');
  });

  it('turns a STOP MO into one opt-out and one stop confirmation, also when the MO is redelivered', async () => {
    const inboundId = uniqueId('mo');
    const moToken = randomBytes(32).toString('hex');
    const mo: CarrierInboundV1 = {
      inboundId,
      carrierId: CARRIER,
      recipient: { token: moToken, phoneEnc: PiiCipher.fromSpec(TEST_PII_KEYS).encrypt(randomMobile()), country: 'FR' },
      to: '36111',
      text: ' Arrêt ',
      receivedAt: new Date().toISOString(),
    };
    await probe.publishEvent(Topics.CarrierInboundV1, mo, { key: moToken });
    await probe.publishEvent(Topics.CarrierInboundV1, mo, { key: moToken });
    await probe.publishEvent(
      Topics.CarrierInboundV1,
      { ...mo, inboundId: uniqueId('mo'), text: 'stopped' },
      { key: moToken },
    );

    const optouts = await probe.collect(Topics.SmsOptoutsV1, (r) => r.key === moToken, 2, 60000);
    const optout = JSON.parse(optouts[0].value!) as SmsOptoutV1;
    // 36111 is Maison Durand's short code in config/brands.v1.json: the STOP is recorded for that brand.
    expect(optout).toMatchObject({
      recipientToken: moToken,
      action: 'opt_out',
      keyword: 'ARRET',
      source: 'sms',
      brand: 'maison-durand',
      at: mo.receivedAt,
    });
    const requested = await probe.collect(Topics.SmsRequestedV1, (r) => r.key === moToken, 2, 60000);
    const replies = requested.map((r) => JSON.parse(r.value!) as SmsRequestedV1);
    expect(new Set(replies.map((r) => r.messageId))).toEqual(
      new Set([messageIdFor(inboundId, 'system.stop_confirmation', moToken)]),
    );
    expect(replies[0]).toMatchObject({
      templateKey: 'system.stop_confirmation',
      category: 'transactional',
      locale: 'fr',
      ttlSeconds: 3600,
      recipient: mo.recipient,
      brand: 'maison-durand',
      variables: {},
      sourceEvent: { id: inboundId, type: 'carrier.inbound', source: 'herald/receipts' },
    });
    await waitFor('the other MO to be counted', async () =>
      (await metricsText()).includes(`${prefix}inbound_total{class="other"`),
    );
  });

  it('records a STOP to a shared number for each of its brands, and STOPALL for every brand', async () => {
    const moToken = randomBytes(32).toString('hex');
    const base = {
      carrierId: CARRIER,
      recipient: { token: moToken, phoneEnc: PiiCipher.fromSpec(TEST_PII_KEYS).encrypt(randomMobile()), country: 'US' },
    };
    await probe.publishEvent(
      Topics.CarrierInboundV1,
      { ...base, inboundId: uniqueId('mo'), to: '+12025550143', text: 'STOP', receivedAt: new Date().toISOString() },
      { key: moToken },
    );
    const shared = await probe.collect(Topics.SmsOptoutsV1, (r) => r.key === moToken, 4, 60000);
    expect(shared.map((r) => (JSON.parse(r.value!) as SmsOptoutV1).brand).sort()).toEqual([
      'acme-bank',
      'herald',
      'herald-demo',
      'maison-durand',
    ]);
    await probe.publishEvent(
      Topics.CarrierInboundV1,
      {
        ...base,
        inboundId: uniqueId('mo'),
        to: '36111',
        text: 'Unsubscribe all',
        receivedAt: new Date().toISOString(),
      },
      { key: moToken },
    );
    const all = await probe.collect(Topics.SmsOptoutsV1, (r) => r.key === moToken, 5, 60000);
    expect(JSON.parse(all[4].value!) as SmsOptoutV1).toMatchObject({
      brand: '*',
      action: 'opt_out',
      keyword: 'UNSUBSCRIBEALL',
    });
  });

  it('sends a DLR without a canonical state and a DLR that never matches a submit to the DLQ without touching any state', async () => {
    const garbled = uniqueId('cm-bad');
    const orphan = uniqueId('cm-orphan');
    const stateless = { ...dlrOf(garbled, 'WHATEVER'), state: 'whatever' } as unknown as CarrierReceiptV1;
    await probe.publishEvent(Topics.CarrierReceiptsV1, stateless, { key: garbled });
    await probe.publishEvent(Topics.CarrierReceiptsV1, dlrOf(orphan, 'DELIVRD'), { key: orphan });
    // Another receipts group sharing the database (a pipeline run) may sweep the orphan first; its key is unique to this test.
    const ours = (r: { key: string | null; headers: Record<string, string> }) =>
      (r.key === garbled && r.headers[DlqHeader.service] === group) || r.key === orphan;
    const dlq = await probe.collect(dlqTopicOf(Topics.CarrierReceiptsV1), ours, 2, 60000);
    const codes = Object.fromEntries(dlq.map((r) => [r.key, r.headers[DlqHeader.code]]));
    expect(codes).toEqual({ [garbled]: 'CONTRACT_VIOLATION', [orphan]: 'UNKNOWN_MESSAGE' });
    for (const r of dlq) {
      expect(r.headers[DlqHeader.topic]).toBe(Topics.CarrierReceiptsV1);
      expect(r.headers[DlqHeader.offset]).toMatch(/^\d+$/);
      expect(r.headers.ce_id).toBeTruthy();
      expect((JSON.parse(deadLetterValue(r)!) as CarrierReceiptV1).carrierMessageId).toBe(r.key);
    }
    // The sweeper publishes to the DLQ before it commits the delete, so the row may linger a moment.
    await waitFor(
      'the orphan to leave pending_dlrs',
      async () =>
        (await ds.query('SELECT 1 FROM receipts.pending_dlrs WHERE carrier_message_id = ANY($1)', [[garbled, orphan]]))
          .length === 0,
    );
    expect(await metricsText()).toContain(`${prefix}unmatched_dlrs_total{carrier="${CARRIER}"`);
  });

  it('turns a submitted message with no final DLR into unknown at its deadline, and ignores a DLR after that', async () => {
    const messageId = randomUUID();
    const cmid = uniqueId('late');
    await probe.publishEvent(
      Topics.SmsStatusV1,
      statusOf(messageId, token, 'submitted', { carrierId: CARRIER, carrierMessageId: cmid }),
      { key: messageId },
    );
    await waitFor(
      'the submit',
      async () =>
        (await ds.query("SELECT 1 FROM receipts.messages WHERE message_id = $1 AND state = 'submitted'", [messageId]))
          .length === 1,
    );
    const [{ hours }] = await ds.query(
      'SELECT round(extract(epoch FROM deadline_at - submitted_at) / 3600) AS hours FROM receipts.messages WHERE message_id = $1',
      [messageId],
    );
    expect(Number(hours)).toBe(72);
    // Back-date only this message's deadline: the sweeper then does what it would after 72 h.
    await ds.query("UPDATE receipts.messages SET deadline_at = now() - interval '1 second' WHERE message_id = $1", [
      messageId,
    ]);
    const unknown = await waitFor<SmsReceiptV1>(
      'the unknown receipt',
      async () => (await receiptsFor(messageId)).find((r) => r.state === 'unknown'),
      60000,
      500,
    );
    expect(unknown).toMatchObject({ previousState: 'submitted', isFinal: true, reasonCode: 'DLR_TIMEOUT' });
    await probe.publishEvent(Topics.CarrierReceiptsV1, dlrOf(cmid, 'DELIVRD'), { key: cmid });
    await waitFor(
      'the late DLR on the timeline',
      async () =>
        (
          await ds.query(
            `SELECT 1 FROM receipts.messages WHERE message_id = $1 AND timeline @> '[{"kind":"dlr","ignoredReason":"after_final"}]'`,
            [messageId],
          )
        ).length === 1,
    );
    expect((await receiptsFor(messageId)).map((r) => r.state)).toEqual(['submitted', 'unknown']);
  });

  it('loses no DLR when DLRs race their submits on the two topics', async () => {
    const n = 600;
    const msgs = Array.from({ length: n }, () => ({ messageId: randomUUID(), cmid: uniqueId('race') }));
    const raw = <T>(topic: string, items: Array<{ key: string; value: T }>) =>
      probe.produceRaw(
        topic,
        items.map(({ key, value }) => ({
          key,
          value: JSON.stringify(value),
          headers: { ce_id: randomUUID(), ce_source: 'it', ce_type: topic, ce_specversion: '1.0' },
        })),
      );
    const started = Date.now();
    await raw(
      Topics.SmsStatusV1,
      msgs.map((m) => ({ key: m.messageId, value: statusOf(m.messageId, token, 'accepted') })),
    );
    await Promise.all([
      raw(
        Topics.SmsStatusV1,
        msgs.map((m) => ({
          key: m.messageId,
          value: statusOf(m.messageId, token, 'submitted', { carrierId: CARRIER, carrierMessageId: m.cmid }),
        })),
      ),
      raw(
        Topics.CarrierReceiptsV1,
        msgs.map((m) => ({ key: m.cmid, value: dlrOf(m.cmid, 'DELIVRD') })),
      ),
    ]);
    const ids = msgs.map((m) => m.messageId);
    const delivered = async () =>
      (
        await ds.query(
          "SELECT count(*)::int AS n FROM receipts.messages WHERE message_id = ANY($1) AND state = 'delivered'",
          [ids],
        )
      )[0].n as number;
    await waitFor(`${n} messages delivered`, async () => (await delivered()) === n, 120000, 250);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `receipts race: ${3 * n} records (${n} accepted + submitted + DLR) settled in ${seconds.toFixed(2)} s = ${Math.round((3 * n) / seconds)} records/s`,
    );
    expect(
      (
        await ds.query('SELECT 1 FROM receipts.pending_dlrs WHERE carrier_message_id = ANY($1)', [
          msgs.map((m) => m.cmid),
        ])
      ).length,
    ).toBe(0);
    const [dlrRows] = await ds.query(
      `SELECT count(*)::int AS n FROM receipts.messages WHERE message_id = ANY($1) AND timeline @> '[{"kind":"dlr","applied":true}]'`,
      [ids],
    );
    expect(dlrRows.n).toBe(n);
  });

  /** Every record of our group's topics consumed and committed: nothing more can come out of them. */
  async function drained(): Promise<boolean> {
    const admin = probe.client.admin();
    await admin.connect();
    try {
      for (const topic of consumed) {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        const at = new Map(committed.partitions.map((p) => [p.partition, p.offset]));
        if (ends.some((e) => at.get(e.partition) !== e.high)) return false;
      }
      return true;
    } finally {
      await admin.disconnect();
    }
  }

  it('produces each public receipt exactly once per transition across a failed commit, a produce lost after the commit and redelivered records', async () => {
    const n = 10;
    const msgs = Array.from({ length: n }, () => ({ messageId: randomUUID(), cmid: uniqueId('once') }));
    const ids: string[] = msgs.map((m) => m.messageId);
    const submitted = msgs.map((m) => ({
      key: m.messageId,
      value: statusOf(m.messageId, token, 'submitted', { carrierId: CARRIER, carrierMessageId: m.cmid, attempt: 1 }),
    }));
    const dlrs = msgs.map((m) => ({ key: m.cmid, value: dlrOf(m.cmid, 'DELIVRD') }));
    const raw = <T>(topic: string, items: Array<{ key: string; value: T }>) =>
      probe.produceRaw(
        topic,
        items.map(({ key, value }) => ({
          key,
          value: JSON.stringify(value),
          headers: { ce_id: randomUUID(), ce_source: 'it', ce_type: topic, ce_specversion: '1.0' },
        })),
      );
    const countIn = async (em: { query: DataSource['query'] }, state: string) =>
      (
        await em.query('SELECT count(*)::int AS n FROM receipts.messages WHERE message_id = ANY($1) AND state = $2', [
          ids,
          state,
        ])
      )[0].n as number;

    // 1. The first transaction that records one of our submits fails at its commit, after all its work.
    let commitFailures = 0;
    const realTransaction = ds.transaction.bind(ds) as (work: (em: unknown) => Promise<unknown>) => Promise<unknown>;
    const txSpy = jest.spyOn(ds, 'transaction').mockImplementation(((
      work: (em: DataSource['manager']) => Promise<unknown>,
    ) =>
      realTransaction(async (em) => {
        const out = await work(em as DataSource['manager']);
        if (commitFailures === 0 && (await countIn(em as DataSource['manager'], 'submitted')) > 0) {
          commitFailures++;
          throw new HeraldError('DB_UNAVAILABLE', 'injected: the commit did not happen');
        }
        return out;
      })) as never);
    // 2. The first produce of one of our delivered receipts is lost after its commit, as in a crash.
    let producesLost = 0;
    const publisher = app.get(Publisher);
    const realSend = publisher.sendBatch.bind(publisher);
    const sendSpy = jest.spyOn(publisher, 'sendBatch').mockImplementation(async (records) => {
      const ours = (records as ReadonlyArray<OutboundRecord>).some(
        (r) => r.topic === Topics.SmsReceiptsV1 && ids.includes(r.key ?? '') && r.value?.includes('"delivered"'),
      );
      if (ours && producesLost === 0) {
        producesLost++;
        throw new HeraldError('BROKER_UNAVAILABLE', 'injected: produce lost after the commit');
      }
      return realSend(records);
    });
    try {
      await raw(Topics.SmsStatusV1, submitted);
      await waitFor('our submits', async () => (await countIn(ds, 'submitted')) === n, 60000, 250);
      await raw(Topics.CarrierReceiptsV1, dlrs);
      await waitFor('our deliveries', async () => (await countIn(ds, 'delivered')) === n, 60000, 250);
      // 3. The same records again, as a producer retry or a replayed topic delivers them.
      await raw(Topics.SmsStatusV1, submitted);
      await raw(Topics.CarrierReceiptsV1, dlrs);
      await waitFor('our group to drain its topics', drained, 60000, 500);
    } finally {
      txSpy.mockRestore();
      sendSpy.mockRestore();
    }
    expect({ commitFailures, producesLost }).toEqual({ commitFailures: 1, producesLost: 1 });
    const all = (await kcatReceipts(suiteStart)).filter((r) => ids.includes(r.receipt.messageId));
    const perMessage = new Map<string, string[]>();
    for (const { receipt } of all)
      perMessage.set(receipt.messageId, [...(perMessage.get(receipt.messageId) ?? []), receipt.state]);
    // Counted raw, not deduplicated on ce_id: one record per transition on the topic.
    expect(ids.map((id) => perMessage.get(id)?.sort())).toEqual(ids.map(() => ['delivered', 'submitted']));
  });

  /**
   * Counts what this process sends to PostgreSQL (every statement is a round trip; INSERT/UPDATE/DELETE
   * rowCount = row writes). The test's own checks are schema-qualified (`receipts.`) and not counted.
   */
  function countDatabaseWork(): {
    stats: { roundTrips: number; rowWrites: number; statements: Map<string, number> };
    restore: () => void;
  } {
    const stats = { roundTrips: 0, rowWrites: 0, statements: new Map<string, number>() };
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string }).text ?? '');
      if (text.includes('receipts.')) return original.apply(this, args);
      stats.roundTrips++;
      const verb = text.trim().split(/\s+/).slice(0, 3).join(' ');
      stats.statements.set(verb, (stats.statements.get(verb) ?? 0) + 1);
      const count = (res: unknown) => {
        const r = res as { command?: string; rowCount?: number | null } | undefined;
        if (r && (r.command === 'INSERT' || r.command === 'UPDATE' || r.command === 'DELETE'))
          stats.rowWrites += r.rowCount ?? 0;
      };
      const cbAt = args.findIndex((a) => typeof a === 'function');
      if (cbAt >= 0) {
        const cb = args[cbAt] as (err: unknown, res: unknown) => void;
        args[cbAt] = (err: unknown, res: unknown) => {
          if (!err) count(res);
          cb(err, res);
        };
        return original.apply(this, args);
      }
      const out = original.apply(this, args) as Promise<unknown> | undefined;
      return out && typeof out.then === 'function' ? out.then((res) => (count(res), res)) : out;
    };
    return { stats, restore: () => (proto.query = original) };
  }

  it('costs a delivered message 2 row writes (one row: insert, then update) and a fraction of a round trip per message in batches', async () => {
    const n = 200;
    const sweeper = app.get(ReceiptsSweeper);
    await sweeper.onModuleDestroy();
    const msgs = Array.from({ length: n }, () => ({ messageId: randomUUID(), cmid: uniqueId('cost') }));
    const ids: string[] = msgs.map((m) => m.messageId);
    const acceptedAt = new Date(Date.now() - 1000).toISOString();
    const raw = <T>(topic: string, items: Array<{ key: string; value: T }>) =>
      probe.produceRaw(
        topic,
        items.map(({ key, value }) => ({
          key,
          value: JSON.stringify(value),
          headers: { ce_id: randomUUID(), ce_source: 'it', ce_type: topic, ce_specversion: '1.0' },
        })),
      );
    const countIn = async (state: string) =>
      (
        await ds.query('SELECT count(*)::int AS n FROM receipts.messages WHERE message_id = ANY($1) AND state = $2', [
          ids,
          state,
        ])
      )[0].n as number;
    const { stats, restore } = countDatabaseWork();
    try {
      // As dispatch publishes them: the status first, then the DLR keyed by and carrying the message id.
      await raw(
        Topics.SmsStatusV1,
        msgs.map((m) => {
          const s = statusOf(m.messageId, token, 'submitted', {
            carrierId: CARRIER,
            carrierMessageId: m.cmid,
            attempt: 1,
          });
          return { key: m.messageId, value: { ...s, meta: { ...s.meta, acceptedAt } } };
        }),
      );
      await waitFor('the submits', async () => (await countIn('submitted')) === n, 60000, 250);
      await raw(
        Topics.CarrierReceiptsV1,
        msgs.map((m) => ({ key: m.messageId, value: dlrOf(m.cmid, 'DELIVRD', { messageId: m.messageId }) })),
      );
      await waitFor('the deliveries', async () => (await countIn('delivered')) === n, 60000, 250);
      await waitFor('our group to drain its topics', drained, 60000, 500);
    } finally {
      restore();
      sweeper.onApplicationBootstrap();
    }
    console.log(
      `receipts cost per delivered message (${n} messages): ${(stats.rowWrites / n).toFixed(2)} row writes, ${(stats.roundTrips / n).toFixed(3)} round trips; statements: ${JSON.stringify(Object.fromEntries(stats.statements))}`,
    );
    expect(stats.rowWrites).toBe(2 * n);
    // Two fetches' worth of transactions at the very least, far below one per message.
    expect(stats.roundTrips).toBeGreaterThanOrEqual(8);
    expect(stats.roundTrips / n).toBeLessThan(1);
    const receipts = (await kcatReceipts(suiteStart)).filter((r) => ids.includes(r.receipt.messageId));
    expect(receipts.length).toBe(2 * n);
    const submittedReceipt = receipts.find((r) => r.receipt.state === 'submitted')!.receipt;
    expect(submittedReceipt.latencyMs?.acceptedToSubmitted).toBeGreaterThanOrEqual(0);
    expect(submittedReceipt.acceptedAt).toBe(acceptedAt);
  });

  it('applies the statuses and DLRs of one fetch together: one row write per delivered message, no DLR held', async () => {
    const n = 50;
    const msgs = Array.from({ length: n }, () => ({ messageId: randomUUID(), cmid: uniqueId('turn') }));
    const ids = msgs.map((m) => m.messageId);
    const base = 1_000_000_000 + Math.floor(Math.random() * 1_000_000_000);
    const consumedAs = <T>(topic: string, payload: T, key: string, i: number): ConsumedMessage<T> => ({
      topic,
      partition: 0,
      offset: String(base + i),
      key,
      headers: {},
      attributes: {
        id: randomUUID(),
        source: 'it',
        type: topic,
        specversion: '1.0',
      } as ConsumedMessage<T>['attributes'],
      payload,
      timestamp: Date.now(),
    });
    const statuses = msgs.map((m, i) =>
      consumedAs(
        Topics.SmsStatusV1,
        statusOf(m.messageId, token, 'submitted', { carrierId: CARRIER, carrierMessageId: m.cmid, attempt: 1 }),
        m.messageId,
        i,
      ),
    );
    // Half as dispatch publishes them (keyed by and carrying the message id), half found by the carrier's id.
    const dlrs = msgs.map((m, i) =>
      i % 2 === 0
        ? consumedAs(Topics.CarrierReceiptsV1, dlrOf(m.cmid, 'DELIVRD', { messageId: m.messageId }), m.messageId, i)
        : consumedAs(Topics.CarrierReceiptsV1, dlrOf(m.cmid, 'DELIVRD'), m.cmid, i),
    );
    const { stats, restore } = countDatabaseWork();
    try {
      // As the engine hands over one fetch: each topic's handler called in the same turn.
      const ctx = { heartbeat: async () => undefined } as unknown as BatchContext;
      await Promise.all([app.get(SmsStatusHandler).handle(statuses, ctx), app.get(CarrierReceiptHandler).handle(dlrs)]);
    } finally {
      restore();
    }
    const rows = await ds.query(
      'SELECT state, count(*)::int AS n FROM receipts.messages WHERE message_id = ANY($1) GROUP BY state',
      [ids],
    );
    expect(rows).toEqual([{ state: 'delivered', n }]);
    const held = await ds.query('SELECT count(*)::int AS n FROM receipts.pending_dlrs WHERE message_id = ANY($1)', [
      ids,
    ]);
    expect(held[0].n).toBe(0);
    expect(stats.rowWrites).toBe(n);
  });

  it('publishes receipts an outside kcat client can validate against the committed JSON Schema', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(root, RECEIPT_SCHEMA_PATH), 'utf8')));
    const ours = await kcatReceipts(suiteStart);
    expect(ours.length).toBeGreaterThanOrEqual(5);
    for (const { receipt } of ours) {
      if (!validate(receipt as unknown))
        throw new Error(`${receipt.messageId} ${receipt.state}: ${ajv.errorsText(validate.errors)}`);
    }
  });
});
