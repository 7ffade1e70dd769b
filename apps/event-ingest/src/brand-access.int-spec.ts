import { CeHeader, DomainTopics, Topics, dlqTopicOf, type SmsRequestedV1 } from '@herald/contracts';
import { DlqHeader } from '@herald/kafka';
import { KafkaProbe, testEnv, uniqueId, TopicTail, deleteGroups, startGroupAtEnd } from '@herald/testing';
import { PHONE_E164, PHONE_RAW, startIngest, type IngestUnderTest } from './spec-support/ingest-test-kit';

// Issue 19: the caller no longer chooses its brand or a system template freely.
interface Answer {
  status: number;
  body: {
    error?: string;
    fields?: Array<{ field: string; reason: string }>;
    key?: string;
    brands?: string[];
    messageIds?: string[];
  };
}

async function post(base: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

const registered = (brand: string) => ({
  customer: { id: 'c-1', firstName: 'Amélie', phone: PHONE_RAW, locale: 'fr-FR', country: 'FR' },
  brand,
});
const ce = (type: string) => ({
  'ce-id': uniqueId('evt'),
  'ce-type': type,
  'ce-source': 'test/brands',
  'ce-specversion': '1.0',
  'ce-time': new Date().toISOString(),
});

describe('event-ingest brands and system templates (issue 19)', () => {
  const probe = new KafkaProbe();
  const group = uniqueId('event-ingest-brands');
  let svc: IngestUnderTest;
  let shopKey: string;
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const notify = (body: Record<string, unknown>, key = shopKey) =>
    post(
      svc.url,
      '/v1/notifications',
      { category: 'transactional', to: PHONE_E164, locale: 'fr-FR', variables: {}, ...body },
      bearer(key),
    );

  beforeAll(async () => {
    await startGroupAtEnd(probe.client, group, DomainTopics);
    svc = await startIngest(testEnv(), group);
    const created = await post(
      svc.url,
      '/v1/admin/api-keys',
      { name: uniqueId('shop'), scopes: ['events:write', 'notifications:write'], brands: ['maison-durand'] },
      bearer(svc.keys.admin),
    );
    expect(created).toMatchObject({ status: 201, body: { brands: ['maison-durand'] } });
    shopKey = created.body.key as string;
  });
  afterAll(async () => {
    await svc?.app.close();
    await deleteGroups(probe.client, [group]);
    await probe.close();
  });

  it('refuses a system.* template on /v1/notifications with 422 naming templateKey', async () => {
    for (const templateKey of ['system.help', 'system.stop_confirmation']) {
      const res = await notify({ templateKey, brand: 'maison-durand', variables: { brand: 'Anything' } });
      expect(res).toMatchObject({
        status: 422,
        body: { error: 'TEMPLATE_NOT_ALLOWED', fields: [{ field: 'templateKey' }] },
      });
    }
  });

  it('refuses an unknown brand and a brand foreign to the key with 422 naming brand', async () => {
    expect(await notify({ templateKey: 'customer.registered', brand: 'x-anything' })).toMatchObject({
      status: 422,
      body: { error: 'UNKNOWN_BRAND', fields: [{ field: 'brand' }] },
    });
    expect(await notify({ templateKey: 'customer.registered', brand: 'acme-bank' })).toMatchObject({
      status: 422,
      body: { error: 'BRAND_NOT_ALLOWED', fields: [{ field: 'brand' }] },
    });
    // A key that lists brands has no implicit default brand either.
    expect(await notify({ templateKey: 'customer.registered' })).toMatchObject({
      status: 422,
      body: { error: 'BRAND_NOT_ALLOWED' },
    });
    // A seeded key that lists none may send for the default brand only.
    expect(
      await notify({ templateKey: 'customer.registered', brand: 'maison-durand' }, svc.keys.notifier),
    ).toMatchObject({ status: 422, body: { error: 'BRAND_NOT_ALLOWED' } });
  });

  it('accepts the key’s own brand', async () => {
    const tail = await TopicTail.open(probe.client, Topics.SmsRequestedV1);
    const res = await notify({ templateKey: 'customer.registered', brand: 'maison-durand' });
    expect(res.status).toBe(202);
    const [record] = await tail.collect(
      (r) =>
        r.value !== null && (res.body.messageIds ?? []).includes((JSON.parse(r.value) as SmsRequestedV1).messageId),
      1,
    );
    expect(JSON.parse(record.value ?? '{}')).toMatchObject({ brand: 'maison-durand' });
  });

  it('refuses an event whose data names an unknown or foreign brand on /v1/events with 422 naming data.brand', async () => {
    const unknown = await post(svc.url, '/v1/events', registered('x-anything'), {
      ...ce('customer.registered'),
      ...bearer(shopKey),
    });
    expect(unknown).toMatchObject({ status: 422, body: { error: 'UNKNOWN_BRAND', fields: [{ field: 'data.brand' }] } });
    const foreign = await post(svc.url, '/v1/events', registered('acme-bank'), {
      ...ce('customer.registered'),
      ...bearer(shopKey),
    });
    expect(foreign).toMatchObject({
      status: 422,
      body: { error: 'BRAND_NOT_ALLOWED', fields: [{ field: 'data.brand' }] },
    });
    const own = await post(svc.url, '/v1/events', registered('maison-durand'), {
      ...ce('customer.registered'),
      ...bearer(shopKey),
    });
    expect(own.status).toBe(202);
  });

  it('dead-letters a domain event naming an unconfigured brand with UNKNOWN_BRAND, and sends nothing for it', async () => {
    const [requested, dlq] = await Promise.all([
      TopicTail.open(probe.client, Topics.SmsRequestedV1),
      TopicTail.open(probe.client, dlqTopicOf(Topics.CustomerRegistered)),
    ]);
    const id = uniqueId('evt');
    const key = uniqueId('key');
    await probe.publishEvent(Topics.CustomerRegistered, registered('x-anything'), { id, key, source: 'test/brands' });
    const [dead] = await dlq.collect((r) => r.headers[CeHeader.id] === id, 1, 60000);
    expect(dead.headers[DlqHeader.code]).toBe('UNKNOWN_BRAND');
    expect(dead.headers[DlqHeader.message]).toMatch(/brand "x-anything" is not a configured brand/);
    await expect(
      requested.collect(
        (r) => r.value !== null && (JSON.parse(r.value) as SmsRequestedV1).sourceEvent.id === id,
        1,
        2000,
      ),
    ).rejects.toThrow(/found 0/);
  });
});
