import { CeHeader, Topics, newTraceparent, type SmsRequestedV1, type SmsStatusV1 } from '@herald/contracts';
import {
  KafkaProbe,
  testEnv,
  uniqueId,
  TopicTail,
  deleteGroups,
  startGroupAtEnd,
  type TailRecord,
} from '@herald/testing';
import { PHONE_RAW, startIngest, type IngestUnderTest } from './spec-support/ingest-test-kit';

const SOURCE = 'test/auth-age';
const parse = <T>(r: TailRecord): T => JSON.parse(r.value ?? '{}') as T;
const otp = (code: string) => ({
  customer: { id: 'c-77', phone: PHONE_RAW, locale: 'fr-FR' },
  otp: { code, purpose: 'login' },
});

describe('event-ingest age limits on the real broker', () => {
  const probe = new KafkaProbe();
  const group = uniqueId('event-ingest-age-it');
  let svc: IngestUnderTest;

  beforeAll(async () => {
    await startGroupAtEnd(probe.client, group, [Topics.AuthOtpRequested]);
    svc = await startIngest(testEnv({ INGEST_TOPICS: Topics.AuthOtpRequested }), group);
  });
  afterAll(async () => {
    await svc?.app.close();
    await deleteGroups(probe.client, [group]);
    await probe.close();
  });

  async function publishOtp(id: string, time: Date, key: string): Promise<void> {
    await probe.produceRaw(Topics.AuthOtpRequested, [
      {
        key,
        value: JSON.stringify(otp('482913')),
        headers: {
          [CeHeader.id]: id,
          [CeHeader.type]: Topics.AuthOtpRequested,
          [CeHeader.source]: SOURCE,
          [CeHeader.time]: time.toISOString(),
          [CeHeader.specversion]: '1.0',
          traceparent: newTraceparent(),
          'content-type': 'application/json',
        },
      },
    ]);
  }

  it('ends an auth.otp_requested whose ce_time is an hour old as expired TOO_OLD and never requests it; a fresh one behind it flows', async () => {
    const [requestedTail, statusTail] = await Promise.all([
      TopicTail.open(probe.client, Topics.SmsRequestedV1),
      TopicTail.open(probe.client, Topics.SmsStatusV1),
    ]);
    const stale = uniqueId('otp-stale');
    const fresh = uniqueId('otp-fresh');
    const key = uniqueId('user');
    const freshTime = new Date();
    await publishOtp(stale, new Date(Date.now() - 3600_000), key);
    await publishOtp(fresh, freshTime, key);

    // Same key, same partition: once the fresh event's request is out, the stale one was handled before it.
    const [requested] = await requestedTail.collect(
      (r) => [stale, fresh].includes(parse<SmsRequestedV1>(r).sourceEvent?.id),
      1,
    );
    const request = parse<SmsRequestedV1>(requested);
    expect(request.sourceEvent.id).toBe(fresh);
    expect(Date.parse(request.expiresAt) - freshTime.getTime()).toBe(600_000);

    const statuses = await statusTail.collect((r) => parse<SmsStatusV1>(r).meta?.sourceEventId === stale, 1);
    const expired = statuses.map((r) => parse<SmsStatusV1>(r)).find((s) => s.status === 'expired');
    expect(expired).toMatchObject({
      status: 'expired',
      reasonCode: 'TOO_OLD',
      service: group,
      meta: { sourceEventType: Topics.AuthOtpRequested, category: 'otp' },
    });
    expect(expired?.reason).toMatch(/past its TTL of 600 s/);
    expect(JSON.stringify(expired)).not.toContain('482913');

    // Nothing for the stale event reached sms.requested.v1, even after a second look.
    const again = await requestedTail.collect(
      (r) => [stale, fresh].includes(parse<SmsRequestedV1>(r).sourceEvent?.id),
      1,
    );
    expect(again.map((r) => parse<SmsRequestedV1>(r).sourceEvent.id)).toEqual([fresh]);
  });

  it('ends an auth.otp_requested POSTed to /v1/events with a ce-time 2 hours old as expired TOO_OLD (202, nothing requested)', async () => {
    const [requestedTail, statusTail] = await Promise.all([
      TopicTail.open(probe.client, Topics.SmsRequestedV1),
      TopicTail.open(probe.client, Topics.SmsStatusV1),
    ]);
    const id = uniqueId('otp-http-stale');
    const res = await fetch(`${svc.url}/v1/events`, {
      method: 'POST',
      body: JSON.stringify(otp('771204')),
      headers: {
        authorization: `Bearer ${svc.keys.writer}`,
        'content-type': 'application/json',
        'ce-id': id,
        'ce-type': Topics.AuthOtpRequested,
        'ce-source': SOURCE,
        'ce-specversion': '1.0',
        'ce-time': new Date(Date.now() - 2 * 3600_000).toISOString(),
      },
    });
    expect(res.status).toBe(202);
    const [status] = await statusTail.collect((r) => parse<SmsStatusV1>(r).meta?.sourceEventId === id, 1);
    expect(parse<SmsStatusV1>(status)).toMatchObject({ status: 'expired', reasonCode: 'TOO_OLD' });
    await expect(
      requestedTail.collect((r) => parse<SmsRequestedV1>(r).sourceEvent?.id === id, 1, 3000),
    ).rejects.toThrow(/found 0/);
  });
});
