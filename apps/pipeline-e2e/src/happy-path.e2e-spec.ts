import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Topics } from '@herald/contracts';
import { KafkaProbe, waitFor } from '@herald/testing';
import { Pipeline, type ServiceName } from './support/pipeline';
import { ReceiptWatcher } from './support/receipt-watcher';
import { SimulatorClient } from './support/simulator-client';
import { E2E_INGEST_KEY, e2eEnv } from './support/e2e-env';
import { domainSamples, frenchMobile } from './support/fixtures';

const SERVICES: ServiceName[] = ['event-ingest', 'templating', 'compliance', 'dispatch', 'receipts'];

describe('the whole chain, happy paths (separate processes, judged from outside)', () => {
  const probe = new KafkaProbe();
  const watcher = new ReceiptWatcher(probe);
  const simulator = new SimulatorClient();
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await Pipeline.start(e2eEnv());
    await watcher.start();
  });
  afterAll(async () => {
    await watcher.stop();
    await pipeline?.stop();
    await probe.close();
  });

  it("serves /health/live, /health/ready and /metrics on each service's management port only (MGMT_PORT, issue 19)", async () => {
    for (const name of SERVICES) {
      for (const pathname of ['/health/live', '/health/ready', '/metrics']) {
        const on = {
          mgmt: (await fetch(pipeline.managementUrl(name, pathname))).status,
          api: (await fetch(pipeline.url(name, pathname))).status,
        };
        expect({ name, pathname, ...on }).toEqual({ name, pathname, mgmt: 200, api: 404 });
      }
      const prefix = `herald_${name.replace(/-/g, '_')}_`;
      expect(await (await fetch(pipeline.managementUrl(name, '/metrics'))).text()).toContain(prefix);
    }
  });

  it('turns every domain event type, in every shipped locale, into one SMS and one final receipt', async () => {
    const samples = domainSamples();
    const run = randomUUID().slice(0, 8);
    const published = new Map<string, (typeof samples)[number]>();
    for (const s of samples) {
      const id = `e2e-${run}-${s.topic}-${s.name}`;
      published.set(id, s);
      await probe.publishEvent(s.topic, s.data, { id, source: 'e2e/shop' });
    }
    await waitFor(
      'a final receipt for every event',
      () => watcher.finalizedEvents(published.keys()).size === published.size || undefined,
      120000,
      500,
    );

    for (const [id, s] of published) {
      const messages = watcher.messagesOf(id);
      expect({ id, messages: messages.length }).toEqual({ id, messages: 1 });
      const finals = watcher.finals(messages[0]);
      expect({ id, finals: finals.length }).toEqual({ id, finals: 1 });
      expect(finals[0].sourceEventType).toBe(s.topic);
      expect(JSON.stringify(watcher.byMessage.get(messages[0]))).not.toContain(
        s.data.customer.phone.replace(/\s/g, '').slice(-6),
      );
      const submits = await simulator.submits({ reference: messages[0] });
      if (finals[0].state !== 'suppressed' && finals[0].state !== 'failed')
        expect({ id, submits: submits.length > 0 }).toEqual({ id, submits: true });
    }
  });

  it('delivers an OTP within its TTL', async () => {
    const id = `e2e-otp-${randomUUID()}`;
    const sentAt = Date.now();
    await probe.publishEvent(
      Topics.AuthOtpRequested,
      {
        customer: { phone: frenchMobile(4242), locale: 'fr-FR', firstName: 'Amélie' },
        otp: { code: '493817', expiresInSeconds: 300, purpose: 'login' },
      },
      { id },
    );
    const messageId = await waitFor('the OTP message', () => watcher.messagesOf(id)[0], 60000);
    const submitted = await waitFor(
      'the OTP submit at the carrier',
      async () => (await simulator.submits({ reference: messageId }))[0],
      60000,
    );
    expect(Date.parse(String(submitted.receivedAt)) - sentAt).toBeLessThan(300_000);
    expect(String(submitted.text)).toContain('493817');
    await waitFor('a final receipt', () => watcher.finals(messageId)[0], 60000);
    expect(JSON.stringify(watcher.byMessage.get(messageId))).not.toContain('493817');
  });

  it('suppresses a promotional message sent without consent, and says why', async () => {
    const res = await fetch(pipeline.url('event-ingest', '/v1/notifications'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${E2E_INGEST_KEY}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        templateKey: 'customer.registered',
        category: 'promotional',
        to: frenchMobile(777),
        locale: 'fr-FR',
        variables: { customer: { firstName: 'Amélie' } },
      }),
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { messageIds?: string[] };
    const messageId = body.messageIds?.[0] as string;
    expect(messageId).toBeDefined();
    const final = await waitFor('a final receipt', () => watcher.finals(messageId)[0], 60000);
    expect(final.state).toBe('suppressed');
    expect(final.reasonCode).toBe('NO_CONSENT');
    expect(await simulator.submits({ reference: messageId })).toHaveLength(0);
  });

  it('never writes a raw phone number or an OTP into any service log', async () => {
    const digits = domainSamples().map((s) => s.data.customer.phone.replace(/\D/g, ''));
    digits.push(frenchMobile(4242).replace(/\D/g, ''), frenchMobile(777).replace(/\D/g, ''));
    const logs = pipeline.logFiles().map((f) => [f, fs.readFileSync(f, 'utf8').replace(/[\s().-]/g, '')] as const);
    const leaks: string[] = [];
    for (const [file, text] of logs) {
      for (const d of digits)
        if (d.length >= 8 && text.includes(d.slice(-9))) leaks.push(`${path.basename(file)}: ${d.slice(0, 3)}...`);
      if (text.includes('493817')) leaks.push(`${path.basename(file)}: the OTP`);
    }
    expect(logs.length).toBe(6);
    expect(leaks).toEqual([]);
  });
});
