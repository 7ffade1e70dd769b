import { randomInt, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import pino from 'pino';
import {
  Topics,
  dlqTopicOf,
  recipientTokenFor,
  validateTopicPayload,
  type SmsRenderedV1,
  type SmsRequestedV1,
  type SmsStatusV1,
} from '@herald/contracts';
import { ConsumerRunner, DlqHeader } from '@herald/kafka';
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
  type ProbeRecord,
} from '@herald/testing';
import { TemplateCache } from './adapters/template-cache';
import { listenerApplicationName } from './adapters/template-change.listener';
import { TEMPLATES_CHANGED_CHANNEL } from './adapters/template.repository';
import { TemplatingConfig } from './templating.config';
import { templatingService } from './templating.definition';

const ADMIN_TOKEN = 'test-templating-admin-token';
const cipher = PiiCipher.fromSpec(TEST_PII_KEYS);
const probe = new KafkaProbe();
const logLines: string[] = [];
let app: INestApplication;
let base: string;
let mgmt: string;

function request(over: Partial<SmsRequestedV1> = {}): SmsRequestedV1 {
  const phone = `+336${randomInt(10_000_000, 99_999_999)}`;
  const now = new Date();
  return {
    messageId: randomUUID(),
    sourceEvent: { id: uniqueId('evt'), type: 'order.placed', source: 'test/shop', time: now.toISOString() },
    templateKey: 'order.placed',
    category: 'transactional',
    recipient: {
      token: recipientTokenFor(TEST_RECIPIENT_TOKEN_KEY, phone),
      phoneEnc: cipher.encrypt(phone),
      country: 'FR',
    },
    locale: 'fr-FR',
    timezone: 'Europe/Paris',
    variables: {
      orderId: '10023',
      customer: { firstName: 'Amélie', locale: 'fr-FR' },
      total: { amount: '49.90', currency: 'EUR' },
      items: [{ name: 'Théière fonte 1L', quantity: 1 }],
    },
    brand: 'maison-durand',
    ttlSeconds: 86400,
    expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
    requestedAt: now.toISOString(),
    priority: 'normal',
    ...over,
  } as SmsRequestedV1;
}

/**
 * Reads the output topics from their end offsets at the start of the suite, once, instead of
 * scanning each topic from the beginning per assertion (the shared topics hold 100k+ records).
 */
class TopicTail {
  private readonly records: ProbeRecord[] = [];
  private readonly consumer = probe.client.consumer({
    groupId: `test-templating-${randomUUID()}`,
    maxWaitTimeInMs: 50,
  });

  async start(topics: string[]): Promise<void> {
    const admin = probe.client.admin();
    await admin.connect();
    const ends = await Promise.all(
      topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
    );
    await admin.disconnect();
    await this.consumer.connect();
    for (const topic of topics) await this.consumer.subscribe({ topic, fromBeginning: false });
    const joined = new Promise<void>((resolve) => this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()));
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
        this.records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          bytes: message.value,
          headers,
        });
      },
    });
    for (const { topic, offsets } of ends)
      for (const p of offsets) this.consumer.seek({ topic, partition: p.partition, offset: p.high });
    await joined;
  }

  find(topic: string, match: (r: ProbeRecord) => boolean, timeoutMs = 90000): Promise<ProbeRecord> {
    return waitFor(
      `a matching record on ${topic}`,
      () => this.records.find((r) => r.topic === topic && match(r)),
      timeoutMs,
      50,
    );
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

const DLQ = dlqTopicOf(Topics.SmsRequestedV1);
const tail = new TopicTail();
const send = (r: SmsRequestedV1) => probe.publishEvent(Topics.SmsRequestedV1, r, { key: r.recipient.token });
const renderedFor = async (
  r: SmsRequestedV1,
): Promise<{ record: ProbeRecord; rendered: SmsRenderedV1; body: string }> => {
  const record = await tail.find(Topics.SmsRenderedV1, (x) => x.key === r.recipient.token);
  const rendered = JSON.parse(record.value ?? '{}') as SmsRenderedV1;
  return { record, rendered, body: cipher.decrypt(rendered.bodyEnc) };
};
const statusFor = async (r: SmsRequestedV1): Promise<SmsStatusV1> =>
  JSON.parse((await tail.find(Topics.SmsStatusV1, (x) => x.key === r.messageId)).value ?? '{}') as SmsStatusV1;
const dlqFor = (r: SmsRequestedV1): Promise<ProbeRecord> =>
  tail.find(DLQ, (x) => x.key === r.recipient.token && x.headers[DlqHeader.service] === 'templating');

async function http(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = ADMIN_TOKEN,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const simpleTemplate = (key: string, body: string, over: Record<string, unknown> = {}) => ({
  key,
  locale: 'fr',
  body,
  senderProfile: 'transactional-default',
  category: 'transactional',
  maxSegments: 2,
  variables: {
    orderId: { maxLength: 20, sample: '10023' },
    total: { maxLength: 16, sample: { amount: '49.90', currency: 'EUR' } },
  },
  ...over,
});

beforeAll(async () => {
  await tail.start([Topics.SmsRenderedV1, Topics.SmsStatusV1, DLQ]);
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  const config = loadConfig(
    TemplatingConfig,
    testEnv({ TEMPLATING_ADMIN_TOKEN: ADMIN_TOKEN, TEMPLATING_CACHE_REFRESH_MS: '600000', LOG_LEVEL: 'debug' }),
  );
  app = await createServiceApp(templatingService, config, logger);
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  mgmt = managementUrl(app);
});

afterAll(async () => {
  await app?.close();
  await tail.stop();
  await probe.close();
});

describe('templating on the real broker and database', () => {
  it('consumes as the templating group', () => {
    expect(app.get(ConsumerRunner).groupId).toBe('templating');
  });

  it('renders a French order.placed with the French template and euros formatted for fr-FR', async () => {
    const r = request();
    await send(r);
    const { record, rendered, body } = await renderedFor(r);
    expect(body).toBe('Maison Durand : Bonjour Amélie, votre commande 10023 de 49,90 € est confirmée.');
    expect(rendered).toMatchObject({
      messageId: r.messageId,
      templateKey: 'order.placed',
      templateVersion: 1,
      locale: 'fr-FR',
      encoding: 'GSM7',
      segments: 1,
      characters: body.length,
      senderProfile: 'transactional-default',
      category: 'transactional',
      recipient: r.recipient,
      sourceEvent: r.sourceEvent,
    });
    expect(rendered).not.toHaveProperty('variables');
    expect(rendered).not.toHaveProperty('secretsEnc');
    expect(validateTopicPayload(Topics.SmsRenderedV1, rendered).ok).toBe(true);
    expect(record.key).toBe(r.recipient.token);
    expect(record.value).not.toContain('Amélie');
  });

  it('falls back fr-CA -> fr and formats dollars for the Canadian recipient', async () => {
    const r = request({
      locale: 'fr-CA',
      timezone: 'America/Toronto',
      variables: { orderId: 'A-7', total: { amount: '1234.50', currency: 'CAD' } },
    });
    await send(r);
    const { body } = await renderedFor(r);
    expect(body).toBe('Maison Durand : Bonjour, votre commande A-7 de 1 234,50 $ est confirmée.');
  });

  it('sends a record with a missing variable to the DLQ with MISSING_VARIABLE and reports it failed', async () => {
    const r = request({ variables: { orderId: '10023', customer: { firstName: 'Amélie' } } });
    await send(r);
    const dlq = await dlqFor(r);
    expect(dlq.headers[DlqHeader.code]).toBe('MISSING_VARIABLE');
    expect(dlq.headers[DlqHeader.message]).toMatch(/order.placed\/fr v1: variable total is not in the event/);
    expect(dlq.headers[DlqHeader.topic]).toBe(Topics.SmsRequestedV1);
    const status = await statusFor(r);
    expect(status).toMatchObject({
      messageId: r.messageId,
      status: 'failed',
      reasonCode: 'MISSING_VARIABLE',
      service: 'templating',
      meta: {
        sourceEventId: r.sourceEvent.id,
        templateKey: 'order.placed',
        locale: 'fr-FR',
        country: 'FR',
        recipientToken: r.recipient.token,
      },
    });
    expect(validateTopicPayload(Topics.SmsStatusV1, status).ok).toBe(true);
  });

  it.each([
    ['an unknown template', { templateKey: 'no.such-template' }, 'UNKNOWN_TEMPLATE'],
    [
      'a value the money filter cannot format',
      { variables: { orderId: '1', total: { amount: '49,90 €', currency: 'EUR' } } },
      'TEMPLATE_RENDER_FAILED',
    ],
    // Declared variables are enforced at render (issue 19): a value over its maxLength or of another type
    // fails instead of growing the body past what the save-time lint measured (TOO_MANY_SEGMENTS is the
    // backstop for undeclared content; render-message.spec covers it).
    [
      'a value over its declared maxLength',
      {
        variables: {
          orderId: '9'.repeat(128),
          customer: { firstName: 'x'.repeat(100) },
          total: { amount: '1', currency: 'EUR' },
          trackingUrl: `https://t.example/${'a'.repeat(300)}`,
        },
      },
      'VARIABLE_INVALID',
    ],
    ['a value of another type than declared', { variables: { orderId: '1', total: '49,90 €' } }, 'VARIABLE_INVALID'],
    ['a brand that is not configured', { brand: 'x-anything' }, 'UNKNOWN_BRAND'],
  ])('fails %s with %s, never a blank SMS', async (_label, over, code) => {
    const r = request(over as Partial<SmsRequestedV1>);
    await send(r);
    expect((await dlqFor(r)).headers[DlqHeader.code]).toBe(code);
    expect((await statusFor(r)).reasonCode).toBe(code);
  });

  it('fails a locale whose chain has no template with UNKNOWN_TEMPLATE', async () => {
    const key = uniqueId('t.fr-only');
    expect(
      (await http('POST', '/v1/templates', { ...simpleTemplate(key, 'Commande {{ orderId }}'), activate: true }))
        .status,
    ).toBe(201);
    const r = request({ templateKey: key, locale: 'de-DE' });
    await send(r);
    expect((await dlqFor(r)).headers[DlqHeader.message]).toBe(
      `no active template ${key} for locales de-DE -> de -> en`,
    );
    expect((await statusFor(r)).reasonCode).toBe('UNKNOWN_TEMPLATE');
  });

  it('renders Liquid syntax inside event data as text', async () => {
    const r = request({
      variables: {
        orderId: '{{ brand }}',
        brand: 'Evil',
        customer: { firstName: '{% raw %}{{ x }}' },
        total: { amount: '1', currency: 'EUR' },
      },
    });
    await send(r);
    expect((await renderedFor(r)).body).toBe(
      'Maison Durand : Bonjour {% raw %}{{ x }}, votre commande {{ brand }} de 1,00 € est confirmée.',
    );
  });

  it('renders an OTP from secretsEnc and never carries or logs the code in clear', async () => {
    const code = String(randomInt(100000, 999999));
    const r = request({
      templateKey: 'auth.otp_requested',
      category: 'otp',
      locale: 'en-IE',
      timezone: undefined,
      recipient: { ...request().recipient, country: 'IE' },
      variables: { customer: { firstName: 'Niamh' }, otp: { expiresInSeconds: 300, purpose: 'login' } },
      secretsEnc: cipher.encrypt(JSON.stringify({ otp: { code } })),
      secretVariables: ['otp.code'],
      priority: 'high',
    });
    await send(r);
    const { record, rendered, body } = await renderedFor(r);
    expect(body).toBe(`${code} is your Maison Durand verification code. It expires in 5 min. Never share it.`);
    expect(rendered).toMatchObject({
      category: 'otp',
      senderProfile: 'otp-default',
      secretVariables: ['otp.code'],
      segments: 1,
    });
    expect(record.value).not.toContain(code);
    expect(JSON.stringify(record.headers)).not.toContain(code);

    const failing = request({
      templateKey: 'auth.otp_unknown',
      category: 'otp',
      secretsEnc: cipher.encrypt(JSON.stringify({ otp: { code } })),
      secretVariables: ['otp.code'],
    });
    await send(failing);
    const dlq = await dlqFor(failing);
    expect(dlq.value).not.toContain(code);
    // Also not in the original record once decrypted: it only ever held the encrypted secrets.
    expect(deadLetterValue(dlq)).toContain(failing.messageId);
    expect(deadLetterValue(dlq)).not.toContain(code);
    expect(JSON.stringify(dlq.headers)).not.toContain(code);
    expect(JSON.stringify(await statusFor(failing))).not.toContain(code);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((l) => l.includes(code) || l.includes('verification code'))).toEqual([]);
  });

  it('picks up a new version activated through the admin API without a restart', async () => {
    const key = uniqueId('t.edit');
    const v1 = await http('POST', '/v1/templates', {
      ...simpleTemplate(key, 'V1 commande {{ orderId }} : {{ total | money }}'),
      activate: true,
    });
    expect(v1.status).toBe(201);
    expect(v1.json.template).toMatchObject({ key, locale: 'fr', version: 1, active: true });
    const first = request({ templateKey: key });
    await send(first);
    expect((await renderedFor(first)).body).toBe('V1 commande 10023 : 49,90 €');

    const v2 = await http(
      'POST',
      '/v1/templates',
      simpleTemplate(key, 'V2 votre commande {{ orderId }} de {{ total | money }} est confirmée'),
    );
    expect(v2.json.template).toMatchObject({ version: 2, active: false });
    const stillV1 = request({ templateKey: key });
    await send(stillV1);
    expect((await renderedFor(stillV1)).rendered.templateVersion).toBe(1);

    const activated = await http('POST', `/v1/templates/${key}/fr/activate`, { version: 2 });
    expect(activated.status).toBe(200);
    expect(activated.json.template).toMatchObject({ version: 2, active: true });
    const second = request({ templateKey: key });
    await send(second);
    const { rendered, body } = await renderedFor(second);
    expect(rendered.templateVersion).toBe(2);
    expect(body).toBe('V2 votre commande 10023 de 49,90 € est confirmée');

    const listed = await http('GET', `/v1/templates/${key}`);
    expect(
      (listed.json.templates as Array<{ version: number; active: boolean }>).map((t) => [t.version, t.active]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it("drops its cache when another replica's transaction sends NOTIFY, also after its LISTEN connection was killed", async () => {
    const key = uniqueId('t.notify');
    await http('POST', '/v1/templates', { ...simpleTemplate(key, 'Ancien {{ orderId }}'), activate: true });
    await http('POST', '/v1/templates', simpleTemplate(key, 'Nouveau {{ orderId }}'));
    await http('POST', '/v1/templates', simpleTemplate(key, 'Encore {{ orderId }}'));
    const cache = app.get(TemplateCache);
    const activeVersion = async () => (await cache.lookupFor([key]))(key)?.get('fr')?.version;
    expect(await activeVersion()).toBe(1);

    const other = new Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    // What another replica's activation does: flip the rows and NOTIFY in one transaction.
    const activateElsewhere = async (version: number) => {
      await other.query('BEGIN');
      await other.query('UPDATE templating.templates SET active = false WHERE key = $1 AND active', [key]);
      await other.query(
        'UPDATE templating.templates SET active = true, activated_at = now() WHERE key = $1 AND version = $2',
        [key, version],
      );
      await other.query('SELECT pg_notify($1, $2)', [
        TEMPLATES_CHANGED_CHANNEL,
        JSON.stringify({ key, locale: 'fr', version }),
      ]);
      await other.query('COMMIT');
    };
    try {
      await activateElsewhere(2);
      await waitFor('the cache to serve version 2', async () => (await activeVersion()) === 2, 5000, 50);

      const killed = await other.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [listenerApplicationName()],
      );
      expect(killed.rowCount).toBe(1);
      await waitFor(
        'the listener to reconnect',
        async () => {
          const ready = (await (await fetch(`${mgmt}/health/ready`)).json()) as {
            checks: Record<string, { ok: boolean }>;
          };
          return ready.checks['template-change-listener'].ok;
        },
        10000,
        100,
      );
      expect(await activeVersion()).toBe(2);
      await activateElsewhere(3);
      await waitFor('the cache to serve version 3', async () => (await activeVersion()) === 3, 5000, 50);
    } finally {
      await other.end();
    }
  });

  it('previews with the samples and reports encoding, segments and non-GSM characters', async () => {
    const fr = await http('POST', '/v1/templates/order.placed/preview', { locale: 'fr-FR', timezone: 'Europe/Paris' });
    expect(fr.status).toBe(200);
    expect(fr.json).toMatchObject({
      key: 'order.placed',
      locale: 'fr',
      requestedLocale: 'fr-FR',
      version: 1,
      body: 'Maison Durand : Bonjour Amélie, votre commande 10023 de 49,90 € est confirmée. Suivi : https://track.example/10023',
      encoding: 'GSM7',
      segments: 1,
      characters: 114,
      nonGsmChars: [],
      transliterated: true,
      withinMaxSegments: true,
    });
    const emoji = await http('POST', '/v1/templates/order.placed/preview', {
      locale: 'en-US',
      variables: { customer: { firstName: 'Zoë 🎉' } },
    });
    expect(emoji.json).toMatchObject({
      locale: 'en',
      encoding: 'UCS2',
      nonGsmChars: ['ë', '🎉'],
      transliterated: false,
    });
    const missing = await http('POST', '/v1/templates/no.such-key/preview', { locale: 'fr' });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe('UNKNOWN_TEMPLATE');
  });

  it('previews a draft without saving it: rendered with its samples, encoding, segments and lint problems (the console live preview)', async () => {
    const key = uniqueId('t.draft');
    const vars = { variables: { orderId: { maxLength: 20, sample: '10023' } } };
    const short = await http(
      'POST',
      '/v1/templates/preview',
      simpleTemplate(key, 'Commande {{ orderId }} confirmée', vars),
    );
    expect(short.status).toBe(200);
    expect(short.json).toMatchObject({
      problems: [],
      preview: { body: 'Commande 10023 confirmée', encoding: 'GSM7', segments: 1, withinMaxSegments: true },
    });
    const long = await http(
      'POST',
      '/v1/templates/preview',
      simpleTemplate(key, `Commande {{ orderId }} 中 ${'x'.repeat(200)}`, { ...vars, maxSegments: 2 }),
    );
    expect(long.json).toMatchObject({
      preview: { encoding: 'UCS2', segments: 4, nonGsmChars: ['中'], withinMaxSegments: false },
      problems: [{ field: 'maxSegments' }],
    });
    const broken = await http(
      'POST',
      '/v1/templates/preview',
      simpleTemplate(key, 'Bonjour {{ customer.firstName }} {% if %}', vars),
    );
    expect(broken.status).toBe(200);
    expect(broken.json.preview).toBeUndefined();
    expect((broken.json.problems as Array<{ field: string }>)[0].field).toBe('body');
    expect((await http('POST', '/v1/templates/preview', { key })).status).toBe(400);
    expect((await http('GET', `/v1/templates?key=${key}`)).json.templates).toEqual([]);
  });

  it('keeps who saved and who activated a version when the call names its operator (X-Herald-Operator)', async () => {
    const key = uniqueId('t.actor');
    const as = (operator: string) => ({
      'content-type': 'application/json',
      authorization: `Bearer ${ADMIN_TOKEN}`,
      'x-herald-operator': operator,
    });
    const post = async (path: string, body: unknown, operator: string) =>
      (await (
        await fetch(`${base}${path}`, { method: 'POST', headers: as(operator), body: JSON.stringify(body) })
      ).json()) as { template: Record<string, unknown> };
    expect(
      (await post('/v1/templates', simpleTemplate(key, 'Commande {{ orderId }}'), 'alice')).template,
    ).toMatchObject({ version: 1, createdBy: 'alice' });
    expect((await post(`/v1/templates/${key}/fr/activate`, { version: 1 }, 'bob')).template).toMatchObject({
      active: true,
      createdBy: 'alice',
      activatedBy: 'bob',
    });
    // Activating the active version again is no change: the first activation's operator stays.
    expect((await post(`/v1/templates/${key}/fr/activate`, { version: 1 }, 'carol')).template).toMatchObject({
      activatedBy: 'bob',
    });
    const unnamed = await post('/v1/templates', simpleTemplate(key, 'Commande {{ orderId }} !'), 'Not An Operator!');
    expect(unnamed.template).toMatchObject({ version: 2 });
    expect(unnamed.template.createdBy).toBeUndefined();
  });

  it('rejects a template that cannot render with its samples or exceeds its max segments, with reasons', async () => {
    const key = uniqueId('t.lint');
    const tooLong = await http(
      'POST',
      '/v1/templates',
      simpleTemplate(key, '{{ orderId }} {{ total | money }}', {
        maxSegments: 1,
        variables: {
          orderId: { maxLength: 200, sample: '1' },
          total: { maxLength: 16, sample: { amount: '1', currency: 'EUR' } },
        },
      }),
    );
    expect(tooLong.status).toBe(422);
    expect(tooLong.json).toMatchObject({
      error: 'TEMPLATE_REJECTED',
      fields: [{ field: 'maxSegments', reason: expect.stringMatching(/worst case \(max-length\) is 2 segments/) }],
    });
    const undeclared = await http('POST', '/v1/templates', simpleTemplate(key, 'Bonjour {{ customer.firstName }}'));
    expect(undeclared.status).toBe(422);
    expect(undeclared.json.fields).toEqual([
      { field: 'body', reason: 'uses customer.firstName, which is not declared in variables' },
    ]);
    const badSample = await http(
      'POST',
      '/v1/templates',
      simpleTemplate(key, '{{ total | money }}', { variables: { total: { maxLength: 16, sample: 'cher' } } }),
    );
    expect(badSample.status).toBe(422);
    expect((badSample.json.fields as Array<{ reason: string }>)[0].reason).toMatch(
      /cannot render with the samples: .*money filter/,
    );
    const invalid = await http('POST', '/v1/templates', {
      key: 'Bad Key',
      locale: 'fr_FR',
      body: '',
      category: 'marketing',
      maxSegment: 2,
    });
    expect(invalid.status).toBe(400);
    expect((invalid.json.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual([
      'body',
      'category',
      'key',
      'locale',
      'maxSegment',
      'senderProfile',
    ]);
    expect((await http('GET', `/v1/templates?key=${key}`)).json.templates).toEqual([]);
  });

  it('lists the keys that have an active template, without a token, so ingest can refuse an unknown one', async () => {
    const key = uniqueId('t.keys');
    const keys = async () => {
      const res = await http('GET', '/v1/template-keys', undefined, null);
      expect(res.status).toBe(200);
      return res.json.keys as string[];
    };
    const before = await keys();
    expect(before).toEqual(expect.arrayContaining(['order.placed', 'auth.otp_requested']));
    expect(before).toEqual([...before].sort());
    expect(before).not.toContain(key);
    expect((await http('POST', '/v1/templates', simpleTemplate(key, 'Bonjour'))).status).toBe(201);
    expect(await keys()).not.toContain(key);
    expect((await http('POST', `/v1/templates/${key}/fr/activate`, { version: 1 })).status).toBe(200);
    expect(await keys()).toContain(key);
  });

  it('guards the admin API with the bearer token', async () => {
    expect((await http('GET', '/v1/templates', undefined, null)).status).toBe(401);
    expect((await http('GET', '/v1/templates', undefined, 'wrong-token-0123456789')).status).toBe(403);
    const ok = await http('GET', '/v1/templates?key=order.placed&active=true');
    expect(ok.status).toBe(200);
    expect((ok.json.templates as Array<{ locale: string }>).map((t) => t.locale).sort()).toEqual(['en', 'fr']);
    expect((await http('POST', '/v1/templates/order.placed/fr/activate', { version: 999 })).status).toBe(404);
    expect((await http('POST', '/v1/templates/order.placed/fr/activate', { version: 'x' })).status).toBe(400);
  });
});
