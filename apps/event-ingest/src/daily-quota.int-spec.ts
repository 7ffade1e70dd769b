import { DataSource } from 'typeorm';
import { KafkaProbe, testEnv } from '@herald/testing';
import { startIngest, type IngestUnderTest } from './spec-support/ingest-test-kit';

// Issue 19 item 4: a daily quota per API key, counted in PostgreSQL (api_key_usage) so it holds
// across replicas; over it, 429 QUOTA_EXCEEDED with a clear body until midnight UTC.
describe('event-ingest daily quota per API key (real database)', () => {
  const probe = new KafkaProbe();
  let svc: IngestUnderTest;
  const post = async (key: string, path = '/v1/notifications') => {
    const res = await fetch(`${svc.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: '{}',
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as { error: string; message: string },
    };
  };

  beforeAll(async () => {
    svc = await startIngest(testEnv({ INGEST_CONSUME_ENABLED: 'false', INGEST_API_KEY_DAILY_QUOTA: '3' }));
  });
  afterAll(async () => {
    await svc?.app.close();
    await probe.close();
  });

  it('lets a key make its quota of requests today, then answers 429 QUOTA_EXCEEDED until midnight UTC', async () => {
    // The body is invalid on purpose: a quota counts requests, whatever their outcome.
    for (let i = 0; i < 3; i++) expect((await post(svc.keys.notifier)).status).toBe(400);
    const over = await post(svc.keys.notifier);
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({
      error: 'QUOTA_EXCEEDED',
      message: 'daily quota of 3 requests for this API key exceeded; it resets at 00:00 UTC',
    });
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect(Number(over.retryAfter)).toBeLessThanOrEqual(86400);
  });

  it("applies a key's own quota over the default", async () => {
    const ds = svc.app.get(DataSource);
    await ds.query(`UPDATE api_keys SET daily_quota = 5 WHERE name = $1`, [
      svc.keys.writer.replace(/-key-0123456789$/, ''),
    ]);
    const [row] = await ds.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM api_keys WHERE daily_quota = 5 AND name = $1`,
      [svc.keys.writer.replace(/-key-0123456789$/, '')],
    );
    expect(row.n).toBe(1);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(svc.keys.writer, '/v1/events')).status);
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses[5]).toBe(429);
  });
});
