import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundSms } from '../../../domain/submit-outcome';
import type { CarrierContext, CarrierWebhook, WebhookRequest } from '../../carrier-plugin';
import type { CarrierAdapter } from '../../carrier-adapter';
import { carrierTestContext } from '../../spec-support/carrier-test-context';
import { infobipCarrier, type InfobipCarrierConfig } from '../infobip.carrier';
import { InfobipFake } from '../infobip.fake';

export const API_KEY = '003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9';
export const CREDENTIALS = 'herald-dlr:9sQx2vW7pL';
export const NOW = Date.parse('2026-12-05T22:00:00Z');

export const sms = (over: Partial<OutboundSms> = {}): OutboundSms => ({
  messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
  reference: 'JrzDP1S8U6C9Bom8t4fQOA',
  destination: '+33612345678',
  source: 'Herald',
  parts: ['Your order ', 'has shipped.'],
  encoding: 'GSM7',
  expiresAt: NOW + 600_000,
  country: 'FR',
  ...over,
});

export interface BedOptions {
  timeoutMs?: number;
  retries?: number;
  /** The webhook secret dispatch is configured with (the fake always signs with CREDENTIALS). */
  webhook?: string;
  deliveryReports?: InfobipCarrierConfig['deliveryReports'];
}

/**
 * For the contract specs: a fake Infobip and a stand-in for dispatch's status endpoint (keeping each
 * callback as the webhook reader gets it), both on loopback, fresh for each test. The fake must
 * have seen no request off the documented format by the end of each test.
 */
export function infobipTestBed() {
  const bed = {} as { fake: InfobipFake; hook: Awaited<ReturnType<typeof receiver>> };
  const config = (o: BedOptions): InfobipCarrierConfig =>
    infobipCarrier.withDefaults!({
      id: 'infobip-eu',
      type: 'infobip',
      apiBaseUrl: `${bed.fake.baseUrl}/`,
      apiKeyEnv: 'CARRIER_INFOBIP_API_KEY',
      webhookSecretEnv: 'CARRIER_INFOBIP_WEBHOOK',
      windowSize: 4,
      mpsSegments: 0,
      countries: '*',
      priority: 1,
      ...(o.deliveryReports === undefined ? {} : { deliveryReports: o.deliveryReports }),
    } as InfobipCarrierConfig);
  const ctx = (o: BedOptions) =>
    carrierTestContext({
      secrets: { CARRIER_INFOBIP_API_KEY: API_KEY, CARRIER_INFOBIP_WEBHOOK: o.webhook ?? CREDENTIALS },
      statusCallbackUrl: bed.hook.url,
      http: { timeoutMs: o.timeoutMs ?? 2000, retries: o.retries ?? 2 },
      now: () => NOW,
    });

  beforeEach(async () => {
    bed.hook = await receiver();
    bed.fake = await new InfobipFake({
      apiKey: API_KEY,
      webhookCredentials: CREDENTIALS,
      subscriptionUrl: `${bed.hook.url}?via=subscription`,
      // Reports wait for callbacksSent(), so what one callback batches does not hang on timing.
      callbackDelayMs: 60_000,
    }).start();
  });
  afterEach(async () => {
    expect(bed.fake.violations).toEqual([]);
    await bed.fake.stop();
    await bed.hook.close();
  });

  return {
    get fake(): InfobipFake {
      return bed.fake;
    },
    get received(): WebhookRequest[] {
      return bed.hook.received;
    },
    get statusUrl(): string {
      return bed.hook.url;
    },
    carrierConfig: (o: BedOptions = {}): InfobipCarrierConfig => config(o),
    context: (o: BedOptions = {}): CarrierContext => ctx(o),
    adapter: (o: BedOptions = {}): CarrierAdapter => infobipCarrier.create(config(o), ctx(o)),
    webhook: (o: BedOptions = {}): CarrierWebhook => infobipCarrier.webhook!(config(o), ctx(o)),
  };
}

async function receiver(): Promise<{ url: string; received: WebhookRequest[]; close(): Promise<void> }> {
  const received: WebhookRequest[] = [];
  let url = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.push({ url: new URL(req.url ?? '/', url).toString(), headers, rawBody: Buffer.concat(chunks) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/carriers/infobip-eu/status`;
  return { url, received, close: () => new Promise((r) => server.close(() => r())) };
}
