import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundSms } from '../../domain/submit-outcome';
import type { CarrierAdapter } from '../carrier-adapter';
import type { WebhookReading, WebhookRequest } from '../carrier-plugin';
import { carrierTestContext } from '../spec-support/carrier-test-context';
import { vonageCarrier, type VonageCarrierConfig } from './vonage.carrier';
import { VonageFake, type VonageFakeOptions } from './vonage.fake';

// Shared by the vonage contract specs: the fake, the plugin's adapter pointed at it, and a
// miniature of dispatch's status endpoint where every receipt goes through the plugin's reader.
export const API_SECRET = 'abcdef0123456789';
const SIG_SECRET = 'sig-secret-for-tests';
const secrets = { CARRIER_VONAGE_API_SECRET: API_SECRET, CARRIER_VONAGE_SIGNATURE_SECRET: SIG_SECRET };

export const vonageConfig = (apiBaseUrl: string, over: Partial<VonageCarrierConfig> = {}): VonageCarrierConfig =>
  vonageCarrier.withDefaults!({
    id: 'vonage-de',
    type: 'vonage',
    windowSize: 4,
    mpsSegments: 30,
    countries: ['DE'],
    priority: 1,
    apiKey: 'abcd1234',
    apiSecretEnv: 'CARRIER_VONAGE_API_SECRET',
    signatureSecretEnv: 'CARRIER_VONAGE_SIGNATURE_SECRET',
    signatureMethod: 'sha256',
    apiBaseUrl,
    ...over,
  } as VonageCarrierConfig);

export const vonageSms = (over: Partial<OutboundSms> = {}): OutboundSms => ({
  messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
  reference: 'JrzDP1S8U6C9Bom8t4fQOA',
  destination: '+4915112345678',
  source: 'Herald',
  parts: ['Your parcel is on its way & arrives today. '.repeat(4), 'Track it in the app = easy.'],
  encoding: 'GSM7',
  expiresAt: Date.now() + 600_000,
  country: 'DE',
  ...over,
});

export interface VonageContract {
  fake: VonageFake;
  adapter: CarrierAdapter;
  /** Every receipt the fake sent, as it arrived, and what the plugin read in it. */
  received: WebhookRequest[];
  readings: WebhookReading[];
  /** The plugin's webhook reader, with its clock at `nowMs`. */
  read(req: WebhookRequest, nowMs?: number): WebhookReading;
  stop(): Promise<void>;
}

export async function vonageContract(
  opts: Partial<VonageFakeOptions> = {},
  over: Partial<VonageCarrierConfig> = {},
): Promise<VonageContract> {
  const fake = new VonageFake({
    apiKey: 'abcd1234',
    apiSecret: API_SECRET,
    signatureSecret: SIG_SECRET,
    signatureMethod: 'sha256',
    ...opts,
  });
  const config = vonageConfig(await fake.start(), over);
  const read = (req: WebhookRequest, nowMs = Date.now()) =>
    vonageCarrier.webhook!(config, carrierTestContext({ secrets, now: () => nowMs })).read(req);
  const received: WebhookRequest[] = [];
  const readings: WebhookReading[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const request = { url: `http://127.0.0.1${req.url}`, headers, rawBody: Buffer.concat(chunks) };
      const reading = read(request);
      received.push(request);
      readings.push(reading);
      res.writeHead(reading.ok ? 200 : reading.reason === 'malformed' ? 400 : 401).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const statusCallbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/carriers/vonage-de/status`;
  const adapter = vonageCarrier.create(
    config,
    carrierTestContext({ secrets, statusCallbackUrl, http: { timeoutMs: 300, retries: 2 } }),
  );
  return {
    fake,
    adapter,
    received,
    readings,
    read,
    stop: async () => {
      await fake.stop();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
