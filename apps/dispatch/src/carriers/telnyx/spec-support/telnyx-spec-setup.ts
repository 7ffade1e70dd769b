import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundSms } from '../../../domain/submit-outcome';
import type { CarrierAdapter } from '../../carrier-adapter';
import type { CarrierWebhook, WebhookRequest } from '../../carrier-plugin';
import { carrierTestContext } from '../../spec-support/carrier-test-context';
import { telnyxCarrier, type TelnyxCarrierConfig } from '../telnyx.carrier';
import { TelnyxFake, type TelnyxFakeOptions } from '../telnyx.fake';

export const API_KEY = 'KEY0123456789ABCDEF_test';
export const sms: OutboundSms = {
  messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
  reference: 'JrzDP1S8U6C9Bom8t4fQOA',
  destination: '+14155550123',
  source: 'Herald',
  parts: ['Your order ', 'has shipped.'],
  encoding: 'GSM7',
  expiresAt: Date.now() + 600_000,
  country: 'US',
};

interface Receiver {
  url: string;
  received: WebhookRequest[];
  close(): Promise<void>;
}

/** Dispatch's status endpoint stand-in: keeps each callback as the controller hands it to the plugin. */
async function receiver(): Promise<Receiver> {
  const received: WebhookRequest[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.push({ url: `${url}${req.url?.replace(/^[^?]*/, '')}`, headers, rawBody: Buffer.concat(chunks) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/carriers/telnyx-us/status`;
  return { url, received, close: () => new Promise((r) => server.close(() => r())) };
}

interface Over {
  timeoutMs?: number;
  retries?: number;
  now?: () => number;
  apiKey?: string;
}

/**
 * A fake Telnyx and a callback receiver per test (a spec calls `start` to open the fake), with the
 * plugin's adapter and webhook built on them. After each test, the fake must have seen no violation.
 */
export function telnyxSetup() {
  const t = {} as { fake?: TelnyxFake; hook: Receiver };
  const fake = (): TelnyxFake => {
    if (t.fake === undefined) throw new Error('call start() first');
    return t.fake;
  };
  const config = (over: Partial<TelnyxCarrierConfig> = {}): TelnyxCarrierConfig =>
    telnyxCarrier.withDefaults!({
      id: 'telnyx-us',
      type: 'telnyx',
      apiKeyEnv: 'CARRIER_TELNYX_API_KEY',
      publicKey: fake().publicKey,
      from: '+18445550001',
      apiBaseUrl: fake().url,
      windowSize: 4,
      mpsSegments: 0,
      countries: ['US'],
      priority: 1,
      ...over,
    } as TelnyxCarrierConfig);
  const ctx = (over: Over = {}) =>
    carrierTestContext({
      secrets: { CARRIER_TELNYX_API_KEY: over.apiKey ?? API_KEY },
      statusCallbackUrl: t.hook.url,
      http: { timeoutMs: over.timeoutMs ?? 2000, retries: over.retries ?? 2 },
      ...(over.now ? { now: over.now } : {}),
    });

  beforeEach(async () => {
    t.fake = undefined;
    t.hook = await receiver();
  });
  afterEach(async () => {
    await t.fake?.stop();
    await t.hook.close();
    expect(t.fake?.violations ?? []).toEqual([]);
  });

  return {
    get fake(): TelnyxFake {
      return fake();
    },
    get hook(): Receiver {
      return t.hook;
    },
    start: async (options: Partial<TelnyxFakeOptions> = {}) => {
      t.fake = await new TelnyxFake({ apiKey: API_KEY, ...options }).start();
    },
    adapter: (over: Over = {}, cfg: Partial<TelnyxCarrierConfig> = {}): CarrierAdapter =>
      telnyxCarrier.create(config(cfg), ctx(over)),
    webhook: (now?: () => number): CarrierWebhook => telnyxCarrier.webhook!(config(), ctx(now ? { now } : {})),
  };
}
