import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { carrierTestContext } from '../spec-support/carrier-test-context';
import type { OutboundSms } from '../../domain/submit-outcome';
import { httpCarrier, type HttpCarrierConfig } from './http.carrier';

type Reply = (req: IncomingMessage, res: ServerResponse, body: unknown) => void;

/** A small aggregator: answers each request with the next scripted reply. */
async function aggregator(replies: Reply[]): Promise<{
  url: string;
  requests: Array<{ headers: IncomingMessage['headers']; body: unknown }>;
  maxConcurrent: () => number;
  close(): Promise<void>;
}> {
  const requests: Array<{ headers: IncomingMessage['headers']; body: unknown }> = [];
  let active = 0;
  let max = 0;
  const server: Server = createServer((req, res) => {
    active++;
    max = Math.max(max, active);
    res.on('close', () => active--);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      requests.push({ headers: req.headers, body });
      const reply = replies.length > 1 ? replies.shift() : replies[0];
      reply?.(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/sms`,
    requests,
    maxConcurrent: () => max,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const json =
  (status: number, payload: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(payload));
  };
const never: Reply = () => undefined;
const later =
  (ms: number, reply: Reply): Reply =>
  (req, res, body) =>
    void setTimeout(() => reply(req, res, body), ms);

const carrier = (url: string, windowSize = 4, idempotencyKeyHeader?: string): HttpCarrierConfig => ({
  id: 'agg',
  type: 'http',
  url,
  passwordEnv: 'DISPATCH_HTTP_CARRIER_TOKEN',
  acceptdAs: 'enroute',
  windowSize,
  mpsSegments: 0,
  countries: '*',
  priority: 1,
  ...(idempotencyKeyHeader === undefined ? {} : { idempotencyKeyHeader }),
});
// Answers nothing and drops the connection once the request was read: a reset after the write.
const reset: Reply = (req) => req.socket.destroy();
const sms: OutboundSms = {
  messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
  reference: 'JrzDP1S8U6C9Bom8t4fQOA',
  destination: '+33612345678',
  source: 'Herald',
  parts: ['Your order ', 'has shipped.'],
  encoding: 'GSM7',
  expiresAt: Date.now() + 600_000,
  country: 'FR',
};

describe('the generic http carrier against a local aggregator', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  const adapter = (
    url: string,
    over: { timeoutMs?: number; retries?: number; windowSize?: number; keyHeader?: string } = {},
  ) =>
    httpCarrier.create(
      carrier(url, over.windowSize, over.keyHeader),
      carrierTestContext({
        secrets: { DISPATCH_HTTP_CARRIER_TOKEN: 's3cret' },
        http: { timeoutMs: over.timeoutMs ?? 2000, retries: over.retries ?? 2 },
      }),
    );

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('POSTs { to, from, body, reference } with the bearer token and reads { id }', async () => {
    const agg = await aggregator([json(200, { id: 'agg-123' })]);
    servers.push(agg);
    expect(await adapter(agg.url).submit(sms)).toEqual({
      kind: 'submitted',
      carrierMessageIds: ['agg-123'],
      segments: 2,
    });
    expect(agg.requests).toEqual([
      {
        headers: expect.objectContaining({ authorization: 'Bearer s3cret', 'content-type': 'application/json' }),
        body: {
          to: '+33612345678',
          from: 'Herald',
          body: 'Your order has shipped.',
          reference: 'JrzDP1S8U6C9Bom8t4fQOA',
        },
      },
    ]);
  });

  it('retries a 5xx with the same reference, then succeeds', async () => {
    const agg = await aggregator([json(503, {}), json(502, {}), json(200, { id: 'agg-9' })]);
    servers.push(agg);
    expect(await adapter(agg.url).submit(sms)).toMatchObject({ kind: 'submitted', carrierMessageIds: ['agg-9'] });
    expect(agg.requests.map((r) => (r.body as { reference: string }).reference)).toEqual(Array(3).fill(sms.reference));
  });

  it('is transient when the 5xx never stop', async () => {
    const agg = await aggregator([json(500, { error: 'boom' })]);
    servers.push(agg);
    expect(await adapter(agg.url, { retries: 1 }).submit(sms)).toMatchObject({
      kind: 'transient',
      rawStatus: 'HTTP_500',
    });
    expect(agg.requests).toHaveLength(2);
  });

  it('maps 429 to throttled with Retry-After, without retrying itself', async () => {
    const agg = await aggregator([json(429, { error: 'slow down' }, { 'retry-after': '1' })]);
    servers.push(agg);
    expect(await adapter(agg.url).submit(sms)).toMatchObject({
      kind: 'throttled',
      rawStatus: 'HTTP_429',
      retryAfterMs: 1000,
    });
    expect(agg.requests).toHaveLength(1);
  });

  it('maps other 4xx to permanent with the reason', async () => {
    const agg = await aggregator([json(422, { error: 'unroutable number' })]);
    servers.push(agg);
    expect(await adapter(agg.url).submit(sms)).toMatchObject({
      kind: 'permanent',
      rawStatus: 'HTTP_422',
      reason: expect.stringContaining('unroutable number'),
    });
  });

  it('reports ambiguous, without resending, when a request that may have arrived is never answered', async () => {
    const agg = await aggregator([never]);
    servers.push(agg);
    expect(await adapter(agg.url, { timeoutMs: 150, retries: 2 }).submit(sms)).toMatchObject({
      kind: 'ambiguous',
      rawStatus: 'TIMEOUT',
    });
    expect(agg.requests).toHaveLength(1);
  });

  it('reports ambiguous, without resending, when the connection is reset after the request was written', async () => {
    const agg = await aggregator([reset]);
    servers.push(agg);
    expect(await adapter(agg.url, { retries: 2 }).submit(sms)).toMatchObject({ kind: 'ambiguous' });
    expect(agg.requests).toHaveLength(1);
  });

  it('with an idempotency key header, retries an unanswered request with the same key (the message id)', async () => {
    const agg = await aggregator([reset, json(200, { id: 'agg-7' })]);
    servers.push(agg);
    expect(await adapter(agg.url, { retries: 2, keyHeader: 'Idempotency-Key' }).submit(sms)).toMatchObject({
      kind: 'submitted',
      carrierMessageIds: ['agg-7'],
    });
    expect(agg.requests.map((r) => r.headers['idempotency-key'])).toEqual([sms.messageId, sms.messageId]);
  });

  it('with an idempotency key header, is ambiguous when every try goes unanswered', async () => {
    const agg = await aggregator([never]);
    servers.push(agg);
    expect(
      await adapter(agg.url, { timeoutMs: 150, retries: 1, keyHeader: 'Idempotency-Key' }).submit(sms),
    ).toMatchObject({ kind: 'ambiguous', rawStatus: 'TIMEOUT' });
    expect(agg.requests).toHaveLength(2);
  });

  it('is transient when the aggregator cannot be reached at all', async () => {
    const agg = await aggregator([json(200, {})]);
    const url = agg.url;
    await agg.close();
    expect(await adapter(url, { retries: 1 }).submit(sms)).toMatchObject({
      kind: 'transient',
      rawStatus: 'ECONNREFUSED',
    });
  });

  it('keeps at most windowSize requests open', async () => {
    const agg = await aggregator([later(50, json(200, { id: 'x' }))]);
    servers.push(agg);
    const a = adapter(agg.url, { windowSize: 2 });
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => a.submit(sms)));
    expect(outcomes.every((o) => o.kind === 'submitted')).toBe(true);
    expect(agg.maxConcurrent()).toBe(2);
    expect(a.health()).toEqual({ bound: true, state: 'ready', inFlight: 0 });
  });
});
