import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Topics, type SmsRequestedV1 } from '@herald/contracts';
import { PiiCipher } from '@herald/pii';
import { KafkaProbe, TEST_PII_KEYS, testEnv, uniqueId, TopicTail } from '@herald/testing';
import { ConsumerRunner, Publisher } from '@herald/kafka';
import { eventIngestService } from './event-ingest.definition';
import { PHONE_E164, orderPlaced, startIngest, type IngestUnderTest } from './spec-support/ingest-test-kit';

const cipher = PiiCipher.fromSpec(TEST_PII_KEYS);

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function post(
  base: string,
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, { method: 'POST', body, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function binary(id: string, type: string, source = 'test/http-shop'): Record<string, string> {
  return {
    'content-type': 'application/json',
    'ce-id': id,
    'ce-type': type,
    'ce-source': source,
    'ce-specversion': '1.0',
    'ce-time': new Date().toISOString(),
  };
}

const requestedFor = (messageIds: string[]) => (r: { value: string | null }) =>
  r.value !== null && messageIds.includes((JSON.parse(r.value) as SmsRequestedV1).messageId);

describe('event-ingest HTTP API on the real broker and database', () => {
  const probe = new KafkaProbe();
  let svc: IngestUnderTest;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  const requestedTail = () => TopicTail.open(probe.client, Topics.SmsRequestedV1);

  beforeAll(async () => {
    svc = await startIngest(testEnv({ INGEST_CONSUME_ENABLED: 'false' }));
  });
  afterAll(async () => {
    await svc?.app.close();
    await probe.close();
  });

  it('runs as service and consumer group event-ingest', () => {
    expect(eventIngestService.service).toBe('event-ingest');
    expect(svc.app.get(ConsumerRunner).groupId).toBe('event-ingest');
  });

  it('accepts a binary-mode CloudEvent with 202 and emits sms.requested.v1 for its message ids', async () => {
    const tail = await requestedTail();
    const id = uniqueId('http-bin');
    const res = await post(svc.url, '/v1/events', JSON.stringify(orderPlaced(id)), {
      ...binary(id, 'order.placed'),
      ...auth(svc.keys.writer),
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id, source: 'test/http-shop', type: 'order.placed', duplicate: false });
    const messageIds = res.body.messageIds as string[];
    expect(messageIds).toHaveLength(1);
    const [record] = await tail.collect(requestedFor(messageIds), 1);
    const request = JSON.parse(record.value ?? '{}') as SmsRequestedV1;
    expect(request).toMatchObject({
      templateKey: 'order.placed',
      category: 'transactional',
      locale: 'fr-FR',
      timezone: 'Europe/Paris',
      ttlSeconds: 86400,
    });
    expect(cipher.decrypt(request.recipient.phoneEnc)).toBe(PHONE_E164);
    expect(record.key).toBe(request.recipient.token);
  });

  it('accepts a structured-mode CloudEvent with 202', async () => {
    const tail = await requestedTail();
    const id = uniqueId('http-struct');
    const event = {
      specversion: '1.0',
      id,
      source: 'test/http-shop',
      type: 'order.shipped',
      time: new Date().toISOString(),
      data: {
        orderId: id,
        customer: { phone: '06 12 34 56 78', locale: 'fr-FR' },
        shipment: { carrier: 'Colissimo', trackingNumber: '6A123' },
      },
    };
    const res = await post(svc.url, '/v1/events', JSON.stringify(event), {
      'content-type': 'application/cloudevents+json',
      ...auth(svc.keys.writer),
    });
    expect(res.status).toBe(202);
    expect(res.body.messageIds).toHaveLength(1);
    const [record] = await tail.collect(requestedFor(res.body.messageIds as string[]), 1);
    expect(JSON.parse(record.value ?? '{}')).toMatchObject({
      templateKey: 'order.shipped',
      recipient: { country: 'FR' },
    });
  });

  it('replays the first response for a retry with the same Idempotency-Key and sends ONE notification', async () => {
    const tail = await requestedTail();
    const id = uniqueId('http-idem');
    const headers = { ...binary(id, 'order.placed'), ...auth(svc.keys.writer), 'idempotency-key': randomUUID() };
    const body = JSON.stringify(orderPlaced(id));
    const first = await post(svc.url, '/v1/events', body, headers);
    const second = await post(svc.url, '/v1/events', body, headers);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const matches = requestedFor(first.body.messageIds as string[]);
    await tail.collect(matches, 1);
    await new Promise((r) => setTimeout(r, 3000));
    await expect(tail.collect(matches, 2, 5000)).rejects.toThrow(/found 1/);
  });

  it('answers 409 for the same Idempotency-Key with a different body', async () => {
    const key = randomUUID();
    const id = uniqueId('http-409');
    const first = await post(svc.url, '/v1/events', JSON.stringify(orderPlaced(id)), {
      ...binary(id, 'order.placed'),
      ...auth(svc.keys.writer),
      'idempotency-key': key,
    });
    expect(first.status).toBe(202);
    const other = uniqueId('http-409b');
    const second = await post(svc.url, '/v1/events', JSON.stringify(orderPlaced(other)), {
      ...binary(other, 'order.placed'),
      ...auth(svc.keys.writer),
      'idempotency-key': key,
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: 'IDEMPOTENCY_CONFLICT', fields: [{ field: 'Idempotency-Key' }] });
  });

  it('answers a re-posted event (same source and id, no key) with the same ids and duplicate: true', async () => {
    const id = uniqueId('http-dup');
    const send = () =>
      post(svc.url, '/v1/events', JSON.stringify(orderPlaced(id)), {
        ...binary(id, 'order.placed'),
        ...auth(svc.keys.writer),
      });
    const first = await send();
    const again = await send();
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ messageIds: first.body.messageIds, duplicate: true });
  });

  it('answers 400 with field-level reasons', async () => {
    const id = uniqueId('http-400');
    const badPhone = await post(svc.url, '/v1/events', JSON.stringify(orderPlaced(id, '12')), {
      ...binary(id, 'order.placed'),
      ...auth(svc.keys.writer),
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body).toMatchObject({ error: 'INVALID_PHONE', fields: [{ field: 'data.customer.phone' }] });
    expect(JSON.stringify(badPhone.body)).not.toContain('"12"');

    const { total: _total, ...noTotal } = orderPlaced(id);
    const contract = await post(svc.url, '/v1/events', JSON.stringify({ ...noTotal, orderId: 7 }), {
      ...binary(id, 'order.placed'),
      ...auth(svc.keys.writer),
    });
    expect(contract.status).toBe(400);
    expect(contract.body.error).toBe('CONTRACT_VIOLATION');
    expect(contract.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'data.total', reason: 'is required' },
        expect.objectContaining({ field: 'data.orderId' }),
      ]),
    );

    const { 'ce-id': _id, ...noId } = binary(id, 'order.placed');
    const envelope = await post(svc.url, '/v1/events', JSON.stringify(orderPlaced(id)), {
      ...noId,
      'ce-specversion': '0.3',
      ...auth(svc.keys.writer),
    });
    expect(envelope.status).toBe(400);
    expect(envelope.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'ce-id', reason: 'is required' },
        { field: 'ce-specversion', reason: 'must be 1.0' },
      ]),
    );

    const notJson = await post(svc.url, '/v1/events', '{oops', {
      ...binary(id, 'order.placed'),
      ...auth(svc.keys.writer),
    });
    expect(notJson).toMatchObject({ status: 400, body: { error: 'INVALID_JSON' } });
  });

  it('answers 422 for a well-formed event whose type has no rule', async () => {
    const id = uniqueId('http-422');
    const res = await post(svc.url, '/v1/events', JSON.stringify({ anything: 1 }), {
      ...binary(id, 'invoice.paid'),
      ...auth(svc.keys.writer),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'UNKNOWN_EVENT_TYPE' });
  });

  it('answers 401 without a key and 403 for an unknown key or a missing scope', async () => {
    const id = uniqueId('http-auth');
    const body = JSON.stringify(orderPlaced(id));
    const none = await post(svc.url, '/v1/events', body, binary(id, 'order.placed'));
    expect(none).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    const unknown = await post(svc.url, '/v1/events', body, {
      ...binary(id, 'order.placed'),
      'x-api-key': 'not-a-key-of-ours-at-all',
    });
    expect(unknown).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
    const scope = await post(svc.url, '/v1/events', body, {
      ...binary(id, 'order.placed'),
      ...auth(svc.keys.notifier),
    });
    expect(scope).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
    const admin = await post(
      svc.url,
      '/v1/admin/api-keys',
      JSON.stringify({ name: uniqueId('k'), scopes: ['admin'] }),
      { 'content-type': 'application/json', ...auth(svc.keys.writer) },
    );
    expect(admin.status).toBe(403);
  });

  it('answers 413 for a body over INGEST_MAX_BODY_BYTES', async () => {
    const id = uniqueId('http-413');
    const huge = JSON.stringify({ ...orderPlaced(id), padding: 'x'.repeat(70000) });
    const res = await post(svc.url, '/v1/events', huge, { ...binary(id, 'order.placed'), ...auth(svc.keys.writer) });
    expect(res).toMatchObject({ status: 413, body: { error: 'PAYLOAD_TOO_LARGE' } });
  });

  it('creates a key through the admin endpoint and rate-limits it with 429 and Retry-After', async () => {
    const created = await post(
      svc.url,
      '/v1/admin/api-keys',
      JSON.stringify({ name: uniqueId('slow'), scopes: ['events:write'], rateLimitPerSecond: 1 }),
      {
        'content-type': 'application/json',
        ...auth(svc.keys.admin),
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^hk_/);
    const statuses: Answer[] = [];
    for (let i = 0; i < 5; i++) {
      const id = uniqueId('http-429');
      statuses.push(
        await post(svc.url, '/v1/events', JSON.stringify(orderPlaced(id)), {
          ...binary(id, 'order.placed'),
          ...auth(created.body.key as string),
        }),
      );
    }
    expect(statuses[0].status).toBe(202);
    const limited = statuses.find((s) => s.status === 429);
    expect(limited?.body).toMatchObject({ error: 'RATE_LIMITED' });
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('sends a direct notification with secrets encrypted and out of the variables', async () => {
    const tail = await requestedTail();
    const res = await post(
      svc.url,
      '/v1/notifications',
      JSON.stringify({
        templateKey: 'auth.otp_requested',
        category: 'otp',
        to: PHONE_E164,
        locale: 'en-GB',
        variables: { otp: { purpose: 'login' } },
        secretVariables: { otp: { code: '482913' } },
      }),
      { 'content-type': 'application/json', ...auth(svc.keys.notifier) },
    );
    expect(res.status).toBe(202);
    const [record] = await tail.collect(requestedFor(res.body.messageIds as string[]), 1);
    expect(record.value).not.toContain('482913');
    const request = JSON.parse(record.value ?? '{}') as SmsRequestedV1;
    expect(request).toMatchObject({
      category: 'otp',
      priority: 'high',
      ttlSeconds: 600,
      secretVariables: ['otp.code'],
      variables: { otp: { purpose: 'login' } },
    });
    expect(JSON.parse(cipher.decrypt(request.secretsEnc ?? ''))).toEqual({ otp: { code: '482913' } });

    const bad = await post(
      svc.url,
      '/v1/notifications',
      JSON.stringify({ templateKey: 'Bad Key', category: 'spam', to: '', variables: [] }),
      {
        'content-type': 'application/json',
        ...auth(svc.keys.notifier),
      },
    );
    expect(bad.status).toBe(400);
    expect((bad.body.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual([
      'category',
      'templateKey',
      'to',
      'variables',
    ]);
  });

  it('counts events, notifications, skips, duplicates and HTTP answers in /metrics', async () => {
    const text = await (await fetch(`${svc.mgmtUrl}/metrics`)).text();
    const series = (name: string, ...labels: string[]) =>
      new RegExp(`^herald_event_ingest_${name}\\{${labels.map((l) => `(?=[^}]*${l})`).join('')}[^}]*\\} [1-9]`, 'm');
    expect(text).toMatch(series('events_consumed_total', 'type="order.placed"', 'via="http"'));
    expect(text).toMatch(series('notifications_emitted_total', 'template="order.placed"', 'category="transactional"'));
    expect(text).toMatch(series('events_skipped_total', 'type="invoice.paid"'));
    expect(text).toMatch(series('duplicate_events_total', 'type="order.placed"', 'via="http"'));
    expect(text).toMatch(series('events_rejected_total', 'code="INVALID_PHONE"'));
    for (const status of ['202', '400', '401', '403', '409', '413', '422', '429']) {
      expect(text).toMatch(series('http_requests_total', 'route="/v1/events"', `status="${status}"`));
    }
  });

  it('serves an OpenAPI 3.1 document at /docs that documents every route of the app', async () => {
    const res = await fetch(`${svc.url}/docs`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const router = (
      svc.app.getHttpAdapter().getInstance() as {
        router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
      }
    ).router;
    const routes = router.stack
      .filter((l) => l.route)
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m} ${l.route!.path}`));
    expect(routes.length).toBeGreaterThanOrEqual(4);
    // /health/* and /metrics are on the management port (MGMT_PORT), neither routes nor documented here.
    expect([...routes, ...Object.keys(doc.paths)].filter((r) => /health|metrics/.test(r))).toEqual([]);
    for (const route of routes) {
      const [method, expressPath] = route.split(' ');
      // Express writes a path parameter `:id`, OpenAPI `{id}`.
      const path = expressPath.replace(/:(\w+)/g, '{$1}');
      expect({ route, documented: doc.paths[path]?.[method] !== undefined }).toEqual({ route, documented: true });
    }
  });
});

describe('event-ingest HTTP API when Kafka fails', () => {
  it('answers 503 and leaves no dedupe or idempotency row behind', async () => {
    const svc = await startIngest(testEnv({ INGEST_CONSUME_ENABLED: 'false' }));
    try {
      await svc.app.get(Publisher).onApplicationShutdown();
      const id = uniqueId('http-503');
      const key = randomUUID();
      const headers = {
        ...binary(id, 'order.placed'),
        authorization: `Bearer ${svc.keys.writer}`,
        'idempotency-key': key,
      };
      const res = await post(svc.url, '/v1/events', JSON.stringify(orderPlaced(id)), headers);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ error: 'BROKER_UNAVAILABLE' });
      expect(res.headers.get('retry-after')).toBe('1');
      const ds = svc.app.get(DataSource);
      expect(
        await ds.query('SELECT 1 FROM processed_events WHERE source = $1 AND event_id = $2', ['test/http-shop', id]),
      ).toEqual([]);
      expect(await ds.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).toEqual([]);
    } finally {
      await svc.app.close();
    }
  });
});
