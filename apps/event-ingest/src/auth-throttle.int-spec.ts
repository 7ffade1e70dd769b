import { KafkaProbe, testEnv } from '@herald/testing';
import { startIngest, type IngestUnderTest } from './spec-support/ingest-test-kit';

// Issue 19 item 4: unknown keys cost a database lookup each and were never throttled. A client
// address that fails to authenticate N times in a minute now gets 429 before any lookup, and a
// valid key from that address is refused too until the minute ends (the guesser is the address).
describe('event-ingest failed-authentication throttle (real database)', () => {
  const probe = new KafkaProbe();
  let svc: IngestUnderTest;
  const get = async (key?: string) => {
    const res = await fetch(`${svc.url}/v1/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
      body: '{}',
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as { error: string; message: string },
    };
  };

  beforeAll(async () => {
    svc = await startIngest(testEnv({ INGEST_CONSUME_ENABLED: 'false', INGEST_AUTH_FAILURES_PER_MINUTE: '3' }));
  });
  afterAll(async () => {
    await svc?.app.close();
    await probe.close();
  });

  it('answers 429 with Retry-After after 3 failures from one address, for unknown and valid keys alike', async () => {
    expect((await get()).status).toBe(401);
    expect((await get('guess-0001')).status).toBe(403);
    expect((await get('guess-0002')).status).toBe(403);
    const throttled = await get('guess-0003');
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({
      error: 'RATE_LIMITED',
      message: expect.stringMatching(/^too many failed authentications from this address; retry in \d+ s$/),
    });
    expect(Number(throttled.retryAfter)).toBeGreaterThan(0);
    expect((await get(svc.keys.writer)).status).toBe(429);
  });
});
