import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { SmsReceiptV1 } from '@herald/contracts';
import { KafkaProbe, waitFor } from '@herald/testing';
// Each carrier plugin ships its provider fake in its own folder (adding a carrier stays one folder);
// this suite runs two of them in-process, as the providers dispatch calls and that call it back.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test support of the dispatch app, not a library
import { TwilioFake } from '../../dispatch/src/carriers/twilio/twilio.fake';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { VonageFake } from '../../dispatch/src/carriers/vonage/vonage.fake';
import { irishCustomer } from './support/country-carriers';
import { e2eEnv } from './support/e2e-env';
import { frenchMobile } from './support/fixtures';
import { Pipeline, portOffset } from './support/pipeline';
import { ReceiptWatcher } from './support/receipt-watcher';
import { SimulatorClient } from './support/simulator-client';

// Issue 20: France routed to the Twilio fake, Germany to the Vonage fake, everyone else to the SMPP
// simulator, with the five services as processes. Each fake checks every request against the
// provider's documented format and calls dispatch back with documented, signed status callbacks.
// Vonage opts in to rerouting: a German message it reports undelivered goes again over SMPP.
const TWILIO = { accountSid: `AC${'0123456789abcdef'.repeat(2)}`, authToken: 'e2e-twilio-auth-token-0123' };
const VONAGE = { apiKey: 'e2e1234a', apiSecret: 'e2e-vonage-secret', signatureSecret: 'e2e-vonage-signature-0123' };
const PER_COUNTRY = 6;

const germanMobile = (i: number) => `+49151${String(20000000 + i).padStart(8, '0')}`;

describe('carriers as plugins: FR via Twilio, DE via Vonage, the rest over SMPP (separate processes)', () => {
  const probe = new KafkaProbe();
  const watcher = new ReceiptWatcher(probe);
  const simulator = new SimulatorClient();
  const twilio = new TwilioFake(TWILIO);
  const vonage = new VonageFake({ ...VONAGE, signatureMethod: 'sha256', interim: true });
  let pipeline: Pipeline;

  beforeAll(async () => {
    await Promise.all([twilio.start(), vonage.start()]);
    const offset = portOffset();
    const dispatchPort = 3004 + offset;
    pipeline = await Pipeline.start(
      e2eEnv({
        DISPATCH_CARRIERS_FILE: carriersFile(offset),
        DISPATCH_PUBLIC_URL: `http://127.0.0.1:${dispatchPort}`,
        CARRIER_TWILIO_AUTH_TOKEN: TWILIO.authToken,
        CARRIER_VONAGE_API_SECRET: VONAGE.apiSecret,
        CARRIER_VONAGE_SIGNATURE_SECRET: VONAGE.signatureSecret,
      }),
    );
    expect(pipeline.url('dispatch', '')).toBe(`http://127.0.0.1:${dispatchPort}`);
    await watcher.start();
    await simulator.configure({ outcomeMix: { DELIVRD: 1 } });
  });
  afterAll(async () => {
    await watcher.stop();
    await pipeline?.stop();
    await Promise.all([twilio.stop(), vonage.stop()]);
    await probe.close();
  });

  function carriersFile(offset: number): string {
    const dir = path.join(__dirname, '../../../results/e2e-logs');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `carriers.twilio-vonage.port-${offset}.json`);
    const common = { windowSize: 20, mpsSegments: 0, priority: 1 };
    const carriers = [
      { id: 'twilio-fr', type: 'twilio', ...common, countries: ['FR'], from: '+15017122661', ...twilioAccount() },
      {
        id: 'vonage-de',
        type: 'vonage',
        ...common,
        countries: ['DE'],
        rerouteOnUndelivered: true,
        ...vonageAccount(),
      },
      {
        id: 'smsc-sim',
        type: 'smpp',
        ...common,
        windowSize: 50,
        countries: '*',
        host: '127.0.0.1',
        port: 2775 + offset,
        systemId: 'herald',
        passwordEnv: 'DISPATCH_SMPP_PASSWORD',
      },
    ];
    fs.writeFileSync(file, JSON.stringify({ carriers }, null, 2));
    return file;
  }
  const twilioAccount = () => ({
    accountSid: TWILIO.accountSid,
    authTokenEnv: 'CARRIER_TWILIO_AUTH_TOKEN',
    apiBaseUrl: twilio.url,
  });
  const vonageAccount = () => ({
    apiKey: VONAGE.apiKey,
    apiSecretEnv: 'CARRIER_VONAGE_API_SECRET',
    signatureSecretEnv: 'CARRIER_VONAGE_SIGNATURE_SECRET',
    signatureMethod: 'sha256',
    apiBaseUrl: vonage.url,
  });

  it('ends every event in exactly one final receipt with the right carrier and raw codes, and no duplicate submit anywhere', async () => {
    const run = randomUUID().slice(0, 8);
    const undeliveredFr = frenchMobile(7_100_000 + 1);
    const undeliveredDe = germanMobile(1);
    twilio.setOutcome((to) =>
      to === undeliveredFr ? { status: 'undelivered', errorCode: 30003 } : { status: 'delivered' },
    );
    vonage.setOutcome({ status: 'delivered', errCode: '0' });
    vonage.setOutcome({ status: 'failed', errCode: '2' }, undeliveredDe.slice(1));

    const phones = [
      ...Array.from({ length: PER_COUNTRY }, (_, i) => ({
        country: 'FR',
        phone: frenchMobile(7_100_000 + i),
        locale: 'fr-FR',
      })),
      ...Array.from({ length: PER_COUNTRY }, (_, i) => ({ country: 'DE', phone: germanMobile(i), locale: 'en-GB' })),
      ...Array.from({ length: PER_COUNTRY }, (_, i) => ({ country: 'IE', ...irishCustomer(7_100 + i) })),
    ];
    const events = new Map<string, (typeof phones)[number]>();
    for (const [i, p] of phones.entries()) {
      const id = `e2e-carriers-${run}-${i}`;
      events.set(id, p);
      await probe.publishEvent(
        'order.placed',
        {
          orderId: String(200000 + i),
          customer: { phone: p.phone, locale: p.locale },
          total: { amount: '19.90', currency: 'EUR' },
        },
        { id, source: 'e2e/shop' },
      );
    }
    await waitFor(
      'a final receipt for every event',
      () => watcher.finalizedEvents(events.keys()).size === events.size || undefined,
      120_000,
      500,
    );
    await Promise.all([twilio.idle(), vonage.settled()]);
    // Late or redelivered callbacks must not add a second final receipt.
    await new Promise((r) => setTimeout(r, 2000));

    const expectedCarrier = { FR: 'twilio-fr', DE: 'vonage-de', IE: 'smsc-sim' } as Record<string, string>;
    const finals: Array<SmsReceiptV1 & { phone: string; country: string }> = [];
    for (const [id, p] of events) {
      const [messageId, ...more] = watcher.messagesOf(id);
      expect({ id, more }).toEqual({ id, more: [] });
      const f = watcher.finals(messageId);
      expect({ id, finals: f.length }).toEqual({ id, finals: 1 });
      const carrier = p.phone === undeliveredDe ? 'smsc-sim' : expectedCarrier[p.country];
      expect({ id, carrierId: f[0].carrierId }).toEqual({ id, carrierId: carrier });
      finals.push({ ...f[0], phone: p.phone, country: p.country });
    }
    const byPhone = (phone: string) => finals.find((f) => f.phone === phone)!;
    expect(byPhone(undeliveredFr)).toMatchObject({
      state: 'undelivered',
      rawStatus: 'undelivered',
      rawErrorCode: '30003',
    });
    // Vonage said failed (err-code 2): rerouted to the SMPP carrier as the same message id, delivered there.
    const rerouted = byPhone(undeliveredDe);
    expect(rerouted).toMatchObject({ state: 'delivered', carrierId: 'smsc-sim', rawStatus: 'DELIVRD' });
    expect(await simulator.submits({ reference: rerouted.messageId })).toHaveLength(1);
    expect(watcher.finals(rerouted.messageId)).toHaveLength(1);
    expect(finals.filter((f) => f.state === 'delivered')).toHaveLength(3 * PER_COUNTRY - 1);
    for (const f of finals.filter((x) => x.country === 'FR' && x.state === 'delivered'))
      expect(f.rawStatus).toBe('delivered');
    for (const f of finals.filter((x) => x.country === 'DE' && x.phone !== undeliveredDe))
      expect(f).toMatchObject({ rawStatus: 'delivered', rawErrorCode: '0' });

    // Every request matched the providers' documented formats; each message reached its carrier once.
    expect(twilio.violations).toEqual([]);
    expect(vonage.violations).toEqual([]);
    expect(twilio.duplicates()).toEqual([]);
    expect(vonage.duplicates()).toEqual([]);
    // (Other suites' messages still queued for France or Germany may reach the fakes too: count ours.)
    const ours = new Set(phones.map((p) => p.phone));
    expect(twilio.accepted.filter((a) => ours.has(a.params.To))).toHaveLength(PER_COUNTRY);
    expect(vonage.submits.filter((s) => ours.has(`+${s.params.to}`))).toHaveLength(PER_COUNTRY);
    for (const f of finals.filter((x) => x.country === 'IE'))
      expect(await simulator.submits({ reference: f.messageId })).toHaveLength(1);
    // Dispatch answered every callback 200 (none refused, none lost).
    expect(twilio.callbacks.map((c) => c.answer)).toEqual(twilio.callbacks.map(() => 200));
    expect(vonage.callbacks.map((c) => c.answered)).toEqual(vonage.callbacks.map(() => 200));
  });
});
