import { CeHeader, DomainTopics, Topics, dlqTopicOf, type SmsRequestedV1, type SmsStatusV1 } from '@herald/contracts';
import { DlqHeader } from '@herald/kafka';
import { PiiCipher } from '@herald/pii';
import {
  KafkaProbe,
  TEST_PII_KEYS,
  testEnv,
  uniqueId,
  TopicTail,
  deleteGroups,
  startGroupAtEnd,
  type TailRecord,
} from '@herald/testing';
import { ProcessedEventsRepository } from './adapters/processed-events.repository';
import { decideDedupe } from './domain/dedupe.policy';
import {
  PHONE_E164,
  PHONE_FORMS,
  orderPlaced,
  startIngest,
  type IngestUnderTest,
} from './spec-support/ingest-test-kit';

type ProbeRecord = TailRecord;

const cipher = PiiCipher.fromSpec(TEST_PII_KEYS);
const SOURCE = 'test/kafka-shop';

const parse = <T>(r: ProbeRecord): T => JSON.parse(r.value ?? '{}') as T;
const requestedFor = (eventIds: string[]) => (r: ProbeRecord) =>
  r.value !== null && eventIds.includes(parse<SmsRequestedV1>(r).sourceEvent.id);
const statusFor = (eventIds: string[]) => (r: ProbeRecord) =>
  r.value !== null && eventIds.includes(parse<SmsStatusV1>(r).meta.sourceEventId);

function assertNoRawNumber(r: ProbeRecord): void {
  const value = parse<Record<string, unknown>>(r);
  const withoutCipher = JSON.stringify({
    ...value,
    recipient: { ...(value.recipient as object), phoneEnc: undefined },
  });
  for (const form of PHONE_FORMS) {
    expect(r.key ?? '').not.toContain(form);
    for (const [name, header] of Object.entries(r.headers))
      expect({ name, leaks: header.includes(form) }).toEqual({ name, leaks: false });
    expect(withoutCipher).not.toContain(form);
  }
}

describe('event-ingest consuming domain topics on the real broker', () => {
  const probe = new KafkaProbe();
  // A group of its own that starts at the end of the domain topics: the shared topics carry every
  // other test's and bench's events, and `event-ingest` itself may be running for another suite.
  const group = uniqueId('event-ingest-it');
  let svc: IngestUnderTest;
  const tail = (topic: string) => TopicTail.open(probe.client, topic);

  beforeAll(async () => {
    await startGroupAtEnd(probe.client, group, DomainTopics);
    svc = await startIngest(testEnv(), group);
  });
  afterAll(async () => {
    await svc?.app.close();
    await deleteGroups(probe.client, [group]);
    await probe.close();
  });

  it('turns a binary-mode order.placed into one sms.requested.v1 keyed by recipient token, with no raw number outside phoneEnc, and no accepted status record', async () => {
    const [requestedTail, statusTail] = await Promise.all([tail(Topics.SmsRequestedV1), tail(Topics.SmsStatusV1)]);
    const id = await probe.publishEvent(Topics.OrderPlaced, orderPlaced(uniqueId('order')), {
      id: uniqueId('evt'),
      source: SOURCE,
    });
    const [requested] = await requestedTail.collect(requestedFor([id]), 1);
    const request = parse<SmsRequestedV1>(requested);
    expect(requested.key).toBe(request.recipient.token);
    expect(request).toMatchObject({
      sourceEvent: { id, type: 'order.placed', source: SOURCE },
      templateKey: 'order.placed',
      category: 'transactional',
      locale: 'fr-FR',
      timezone: 'Europe/Paris',
      brand: 'herald',
      ttlSeconds: 86400,
      priority: 'normal',
      recipient: { country: 'FR' },
    });
    expect(cipher.decrypt(request.recipient.phoneEnc)).toBe(PHONE_E164);
    expect((request.variables.customer as Record<string, unknown>).phone).toBeUndefined();
    expect(request.variables).toMatchObject({ total: { amount: '49.90' }, customer: { firstName: 'Amélie' } });
    // The TTL counts from the event's time (ce_time), not from when ingest read it.
    expect(Date.parse(request.expiresAt) - Date.parse(request.sourceEvent.time)).toBe(86400 * 1000);
    assertNoRawNumber(requested);
    expect(requested.headers[CeHeader.type]).toBe(Topics.SmsRequestedV1);

    // Issue 18: acceptedAt travels as the request's requestedAt (statuses carry it as meta.acceptedAt);
    // ingest publishes no `accepted` status record any more.
    expect(Date.parse(request.requestedAt)).not.toBeNaN();
    await expect(statusTail.collect(statusFor([id]), 1, 3000)).rejects.toThrow(/found 0/);
  });

  it('emits one sms.requested.v1 for an event published twice', async () => {
    const id = uniqueId('evt-twice');
    const data = orderPlaced(uniqueId('order'));
    const requested = await tail(Topics.SmsRequestedV1);
    await probe.publishEvent(Topics.OrderPlaced, data, { id, source: SOURCE });
    await requested.collect(requestedFor([id]), 1);
    // Another key, so most likely another partition: the second copy is a different record.
    await probe.publishEvent(Topics.OrderPlaced, data, { id, source: SOURCE, key: uniqueId('other-key') });
    await new Promise((r) => setTimeout(r, 5000));
    await expect(requested.collect(requestedFor([id]), 2, 5000)).rejects.toThrow(/found 1/);
  });

  it('sends an unparseable phone number to the DLQ with INVALID_PHONE while the valid events around it flow', async () => {
    const key = uniqueId('poison');
    const before = uniqueId('evt-ok');
    const bad = uniqueId('evt-bad');
    const after = uniqueId('evt-ok');
    const [requested, dlqTail] = await Promise.all([tail(Topics.SmsRequestedV1), tail(dlqTopicOf(Topics.OrderPlaced))]);
    await probe.publishEvent(Topics.OrderPlaced, orderPlaced(uniqueId('order')), { id: before, key, source: SOURCE });
    await probe.publishEvent(Topics.OrderPlaced, orderPlaced(uniqueId('order'), '+33 12'), {
      id: bad,
      key,
      source: SOURCE,
    });
    await probe.publishEvent(Topics.OrderPlaced, orderPlaced(uniqueId('order')), { id: after, key, source: SOURCE });
    const outputs = await requested.collect(requestedFor([before, after]), 2);
    expect(outputs.map((r) => parse<SmsRequestedV1>(r).sourceEvent.id).sort()).toEqual([before, after].sort());
    const [dlq] = await dlqTail.collect((r) => r.headers[CeHeader.id] === bad, 1);
    expect(dlq.headers[DlqHeader.code]).toBe('INVALID_PHONE');
    expect(dlq.headers[DlqHeader.message]).toMatch(/customer\.phone/);
    expect(dlq.headers[DlqHeader.message]).not.toContain('33 12');
    expect(dlq.headers[DlqHeader.service]).toBe(group);
  });

  it('accepts a structured-mode CloudEvent on Kafka', async () => {
    const id = uniqueId('evt-struct');
    const requested = await tail(Topics.SmsRequestedV1);
    const event = {
      specversion: '1.0',
      id,
      source: SOURCE,
      type: Topics.AuthOtpRequested,
      time: new Date().toISOString(),
      data: { customer: { phone: PHONE_E164, locale: 'en-GB' }, otp: { code: '482913', expiresInSeconds: 300 } },
    };
    await probe.produceRaw(Topics.AuthOtpRequested, [
      { key: id, value: JSON.stringify(event), headers: { 'content-type': 'application/cloudevents+json' } },
    ]);
    const [record] = await requested.collect(requestedFor([id]), 1);
    expect(record.value).not.toContain('482913');
    const request = parse<SmsRequestedV1>(record);
    expect(request).toMatchObject({
      templateKey: 'auth.otp_requested',
      category: 'otp',
      priority: 'high',
      ttlSeconds: 300,
      locale: 'en-GB',
      secretVariables: ['otp.code'],
    });
    expect(request.variables).toEqual({ customer: { locale: 'en-GB' }, otp: { expiresInSeconds: 300 } });
    expect(JSON.parse(cipher.decrypt(request.secretsEnc ?? ''))).toEqual({ otp: { code: '482913' } });
  });

  it('counts and skips an event type without a rule, neither failing it nor blocking the next one', async () => {
    const key = uniqueId('unknown');
    const unknown = uniqueId('evt-unknown');
    const next = uniqueId('evt-next');
    const [requested, dlqTail] = await Promise.all([tail(Topics.SmsRequestedV1), tail(dlqTopicOf(Topics.OrderPlaced))]);
    await probe.produceRaw(Topics.OrderPlaced, [
      {
        key,
        value: JSON.stringify(orderPlaced(uniqueId('order'))),
        headers: {
          [CeHeader.id]: unknown,
          [CeHeader.type]: 'order.updated',
          [CeHeader.source]: SOURCE,
          [CeHeader.specversion]: '1.0',
        },
      },
    ]);
    await probe.publishEvent(Topics.OrderPlaced, orderPlaced(uniqueId('order')), { id: next, key, source: SOURCE });
    // Same key, same partition, in order: once the next event's output is out, the unknown one was handled.
    const [first] = await requested.collect(requestedFor([unknown, next]), 1);
    expect(parse<SmsRequestedV1>(first).sourceEvent.id).toBe(next);
    await expect(dlqTail.collect((r) => r.key === key, 1, 3000)).rejects.toThrow(/found 0/);
    const metrics = await (await fetch(`${svc.mgmtUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /^herald_event_ingest_it_[0-9a-f]+_events_skipped_total\{[^}]*type="order\.updated"[^}]*via="kafka"[^}]*\} 1$/m,
    );
  });

  it('dedupes a batch in one statement: same record again is a redelivery, another record is a duplicate', async () => {
    const repo = svc.app.get(ProcessedEventsRepository);
    const candidate = {
      source: SOURCE,
      eventId: uniqueId('evt-sql'),
      eventType: 'order.placed',
      position: { topic: 'order.placed', partition: 3, offset: '41' },
    };
    const fresh = { ...candidate, eventId: uniqueId('evt-sql') };
    const [first] = await repo.claim([candidate]);
    expect(decideDedupe(candidate, first)).toBe('new');
    const again = await repo.claim([candidate, fresh]);
    expect(again.map((row) => decideDedupe(row.eventId === candidate.eventId ? candidate : fresh, row))).toEqual([
      'redelivery',
      'new',
    ]);
    const [copy] = await repo.claim([
      { ...candidate, position: { topic: 'order.placed', partition: 3, offset: '42' } },
    ]);
    expect(copy.firstSeen).toEqual({ topic: 'order.placed', partition: 3, offset: '41' });
    expect(decideDedupe({ ...candidate, position: { topic: 'order.placed', partition: 3, offset: '42' } }, copy)).toBe(
      'duplicate',
    );
  });
});
