import { randomInt, randomUUID } from 'node:crypto';
import { Topics } from '@herald/contracts';
import { KafkaProbe, waitFor } from '@herald/testing';
import { Pipeline } from './support/pipeline';
import { ReceiptWatcher } from './support/receipt-watcher';
import { SimulatorClient } from './support/simulator-client';
import { E2E_INGEST_KEY, e2eEnv } from './support/e2e-env';
import { frenchMobile } from './support/fixtures';

// Issue 19 end to end: a STOP texted to Maison Durand's short code (36111 in config/brands.v1.json)
// and a STOPALL, through the carrier simulator, receipts, compliance; then every way in.
describe('opt-out that cannot be bypassed (separate processes, judged from outside)', () => {
  const probe = new KafkaProbe();
  const watcher = new ReceiptWatcher(probe);
  const simulator = new SimulatorClient();
  let pipeline: Pipeline;
  const stopped = frenchMobile(randomInt(1, 10_000_000));
  const stoppedAll = frenchMobile(randomInt(1, 10_000_000));

  const notify = async (body: Record<string, unknown>) => {
    const res = await fetch(pipeline.url('event-ingest', '/v1/notifications'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_INGEST_KEY}` },
      body: JSON.stringify({
        category: 'transactional',
        locale: 'fr-FR',
        variables: { customer: { firstName: 'Amélie' } },
        templateKey: 'customer.registered',
        ...body,
      }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { messageIds?: string[]; error?: string; fields?: Array<{ field: string }> },
    };
  };
  const finalOf = (messageId: string) =>
    waitFor(`a final receipt for ${messageId}`, () => watcher.finals(messageId)[0], 90_000);
  const submitsTo = (phone: string) => simulator.submits({ destination: phone });

  beforeAll(async () => {
    pipeline = await Pipeline.start(e2eEnv());
    await watcher.start();
    await simulator.injectMo(stopped, '36111', 'Arrêt');
    await simulator.injectMo(stoppedAll, '36111', 'STOP ALL');
    // The STOP's own confirmation is the one message that still reaches them.
    await waitFor(
      'the STOP confirmation at the carrier',
      async () => ((await submitsTo(stopped)).length > 0 ? true : undefined),
      90_000,
      500,
    );
    await waitFor(
      'the STOPALL confirmation at the carrier',
      async () => ((await submitsTo(stoppedAll)).length > 0 ? true : undefined),
      90_000,
      500,
    );
  });
  afterAll(async () => {
    await watcher.stop();
    await pipeline?.stop();
    await probe.close();
  });

  it('sends exactly one confirmation per STOP, in the brand of the number texted', async () => {
    const [confirmation] = await submitsTo(stopped);
    expect(String(confirmation.text)).toMatch(/^Maison Durand : Votre désabonnement est confirmé/);
    expect(await submitsTo(stopped)).toHaveLength(1);
  });

  it('suppresses /v1/notifications and a Kafka event for the brand, and refuses system templates and unknown brands', async () => {
    const direct = await notify({ to: stopped, brand: 'maison-durand' });
    expect(direct.status).toBe(202);
    const id = `e2e-optout-${randomUUID()}`;
    await probe.publishEvent(
      Topics.CustomerRegistered,
      { customer: { phone: stopped, locale: 'fr-FR', firstName: 'Amélie' }, brand: 'maison-durand' },
      { id, source: 'e2e/shop' },
    );
    const viaKafka = await waitFor('the Kafka message', () => watcher.messagesOf(id)[0], 90_000);
    for (const messageId of [direct.body.messageIds?.[0] as string, viaKafka]) {
      expect(await finalOf(messageId)).toMatchObject({ state: 'suppressed', reasonCode: 'OPTED_OUT' });
    }
    expect(await notify({ to: stopped, brand: 'maison-durand', templateKey: 'system.help' })).toMatchObject({
      status: 422,
      body: { error: 'TEMPLATE_NOT_ALLOWED' },
    });
    expect(await notify({ to: stopped, brand: 'x-anything' })).toMatchObject({
      status: 422,
      body: { error: 'UNKNOWN_BRAND', fields: [{ field: 'brand' }] },
    });
    expect(await submitsTo(stopped)).toHaveLength(1);
  });

  it('suppresses every brand after STOPALL', async () => {
    for (const brand of ['herald', 'acme-bank', 'maison-durand']) {
      const res = await notify({ to: stoppedAll, brand });
      expect(res.status).toBe(202);
      expect(await finalOf(res.body.messageIds?.[0] as string)).toMatchObject({
        state: 'suppressed',
        reasonCode: 'OPTED_OUT',
      });
    }
    expect(await submitsTo(stoppedAll)).toHaveLength(1);
  });
});
