import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliveryEvent, messageRecord, type TelnyxOutcome } from './telnyx-fake-payloads';
import { checkSendRequest, type SendMessageBody, type TelnyxApiError } from './telnyx-fake-request';
import { signTelnyx } from './telnyx-signature';

// DER PKCS#8 header of an Ed25519 private key (RFC 8410), followed by the 32-byte seed.
const PKCS8_PREFIX = '302e020100300506032b657004220420';

/** A scripted answer to the next valid request, instead of accepting it. */
export type TelnyxFault =
  | { kind: 'refuse'; status: number; code: string; title: string }
  | { kind: 'throttle'; retryAfter?: string }
  | { kind: 'server_error'; status?: number }
  | { kind: 'never_answer' }
  | { kind: 'reset' };

export interface TelnyxFakeOptions {
  apiKey: string;
  /** Final outcome per message (default delivered). */
  outcome?: TelnyxOutcome | ((to: string) => TelnyxOutcome);
  /** Where callbacks go instead of the request's webhook_url. */
  callbackUrl?: string;
  callbackDelayMs?: number;
  /** Fixed port and Ed25519 seed (32 bytes hex), for a carriers file written before the fake starts. */
  port?: number;
  seed?: string;
}

export interface SentCallback {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The receiver's HTTP answer, or 0 when it could not be reached. */
  answeredWith: number;
}

/**
 * A local Telnyx Messaging API v2: checks each request against the documented format (refusing
 * and recording a violation like the real API would), answers like Telnyx, then posts the
 * Ed25519-signed message.sent and message.finalized webhooks. Listens on 127.0.0.1, port 0.
 */
export class TelnyxFake {
  readonly violations: string[] = [];
  readonly requests: Array<{ headers: IncomingMessage['headers']; body: unknown }> = [];
  readonly callbacks: SentCallback[] = [];
  /** The account's public key (base64 raw 32 bytes), for the carrier's `publicKey`. */
  readonly publicKey: string;
  private readonly privateKey: KeyObject;
  private readonly faults: TelnyxFault[] = [];
  private readonly submits = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();
  private server?: Server;

  constructor(private readonly options: TelnyxFakeOptions) {
    this.privateKey =
      options.seed === undefined
        ? generateKeyPairSync('ed25519').privateKey
        : createPrivateKey({ key: Buffer.from(PKCS8_PREFIX + options.seed, 'hex'), format: 'der', type: 'pkcs8' });
    // The raw key is what follows the 12-byte SPKI header, as Mission Control shows it.
    const spki = createPublicKey(this.privateKey).export({ format: 'der', type: 'spki' });
    this.publicKey = spki.subarray(12).toString('base64');
  }

  /** Base URL for the carrier's `apiBaseUrl`. */
  get url(): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(this.options.port ?? 0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await this.settled();
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Scripts the answers to the next valid requests, in order. */
  fail(...faults: TelnyxFault[]): void {
    this.faults.push(...faults);
  }

  /** Messages the fake may have taken more than once (same destination and text). */
  duplicates(): Array<{ to: string; text: string; count: number }> {
    return [...this.submits].filter(([, n]) => n > 1).map(([k, count]) => ({ ...JSON.parse(k), count }));
  }

  /** Resolves once every callback scheduled so far has been answered. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Signs a body as Telnyx would, at a chosen time: for replay and stale-timestamp tests. */
  sign(rawBody: string, atMs = Date.now()): Record<string, string> {
    const timestamp = String(Math.floor(atMs / 1000));
    return {
      'telnyx-timestamp': timestamp,
      'telnyx-signature-ed25519': signTelnyx(this.privateKey, timestamp, rawBody),
    };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawBody);
      } catch {
        parsed = rawBody;
      }
      this.requests.push({ headers: req.headers, body: parsed });
      const checked = checkSendRequest(
        { method: req.method, path, headers: req.headers, rawBody },
        this.options.apiKey,
      );
      if ('refusal' in checked) {
        this.violations.push(...checked.refusal.errors.map((e) => `${e.code} ${e.detail}`));
        return answer(res, checked.refusal.status, { errors: checked.refusal.errors });
      }
      this.respond(req, res, checked.body);
    });
  }

  private respond(req: IncomingMessage, res: ServerResponse, body: SendMessageBody): void {
    const fault = this.faults.shift();
    if (fault?.kind === 'refuse') return answer(res, fault.status, { errors: [apiError(fault.code, fault.title)] });
    if (fault?.kind === 'throttle')
      return answer(res, 429, { errors: [apiError('10011', 'Too many requests')] }, fault.retryAfter);
    if (fault?.kind === 'server_error')
      return answer(res, fault.status ?? 500, { errors: [apiError('10007', 'Unexpected error')] });
    const key = JSON.stringify({ to: body.to, text: body.text });
    this.submits.set(key, (this.submits.get(key) ?? 0) + 1);
    if (fault?.kind === 'never_answer') return;
    if (fault?.kind === 'reset') return void req.socket.destroy();
    const record = messageRecord(body, new Date());
    answer(res, 200, { data: record });
    const target = this.options.callbackUrl ?? body.webhook_url;
    if (target !== undefined) this.track(this.deliver(record, body.to, target));
  }

  private async deliver(record: Record<string, unknown>, to: string, url: string): Promise<void> {
    const chosen = this.options.outcome;
    const outcome = typeof chosen === 'function' ? chosen(to) : (chosen ?? { status: 'delivered' });
    await sleep(this.options.callbackDelayMs ?? 10);
    // A message Telnyx never handed to a carrier gets no message.sent.
    if (outcome.status !== 'sending_failed' && outcome.status !== 'expired')
      await this.post(url, deliveryEvent(record, 'message.sent', 'sent', undefined, url, new Date()));
    await this.post(url, deliveryEvent(record, 'message.finalized', outcome.status, outcome.error, url, new Date()));
  }

  private async post(url: string, event: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify(event);
    const headers = { 'content-type': 'application/json', ...this.sign(body) };
    const answeredWith = await fetch(url, { method: 'POST', headers, body }).then(
      (r) => r.status,
      () => 0,
    );
    this.callbacks.push({ url, headers, body, answeredWith });
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}

function apiError(code: string, title: string): TelnyxApiError {
  return { code, title, detail: title };
}

function answer(res: ServerResponse, status: number, payload: unknown, retryAfter?: string): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(retryAfter ? { 'retry-after': retryAfter } : {}) });
  res.end(JSON.stringify(payload));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
