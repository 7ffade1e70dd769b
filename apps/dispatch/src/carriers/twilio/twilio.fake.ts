import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  callbackParams,
  checkCreateRequest,
  errorBody,
  messageResource,
  type TwilioApiError,
  type TwilioFinal,
} from './twilio-fake-wire';
import { twilioSignature } from './twilio-signature';

export type { TwilioFinal } from './twilio-fake-wire';

/** A scripted answer to the next request, instead of the normal one. */
export type TwilioFault =
  { kind: 'error'; error: TwilioApiError; retryAfter?: string } | { kind: 'never' } | { kind: 'reset' };

export interface TwilioFakeOptions {
  accountSid: string;
  authToken: string;
  /** Default: every message delivered. */
  outcome?: (to: string) => TwilioFinal;
  /**
   * Deliver callbacks to this origin (scheme://host:port) instead of the StatusCallback's own, e.g.
   * when dispatch's public URL is not reachable from the test; the signature stays over the
   * StatusCallback URL, as dispatch rebuilds it from DISPATCH_PUBLIC_URL.
   */
  callbackOrigin?: string;
  callbackDelayMs?: number;
}

export interface TwilioFakeCallback {
  /** The URL signed (the StatusCallback as given). */
  url: string;
  headers: Record<string, string>;
  rawBody: Buffer;
  params: Record<string, string>;
  /** What the receiver answered, or the network error. */
  answer: number | string;
}

/**
 * A local Twilio Programmable Messaging: checks every Create Message request field by field
 * (twilio-fake-wire.ts; `violations` lists each problem), answers like Twilio (201 with the
 * Message resource, or a documented error body), then sends the signed StatusCallbacks.
 */
export class TwilioFake {
  readonly violations: string[] = [];
  readonly callbacks: TwilioFakeCallback[] = [];
  readonly accepted: Array<{ sid: string; params: Record<string, string> }> = [];
  /** Every request received, whatever its answer. */
  requests = 0;
  private readonly server: Server;
  private readonly faults: TwilioFault[] = [];
  private readonly submits = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();
  private readonly hanging = new Set<ServerResponse>();
  private base = '';

  constructor(private readonly options: TwilioFakeOptions) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
  }

  /** The apiBaseUrl to configure. */
  get url(): string {
    return this.base;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next requests get these answers, in order, before normal service resumes. */
  script(...faults: TwilioFault[]): this {
    this.faults.push(...faults);
    return this;
  }

  setOutcome(outcome: (to: string) => TwilioFinal): this {
    this.options.outcome = outcome;
    return this;
  }

  /**
   * Destination and body pairs taken more than once as a message (answered 201, or left unanswered
   * after a valid request): a blind resend. Requests answered with an error created nothing.
   */
  duplicates(): Array<{ to: string; body: string; count: number }> {
    return [...this.submits].filter(([, n]) => n > 1).map(([k, count]) => ({ ...JSON.parse(k), count }));
  }

  private count(form: Record<string, string>): void {
    const key = JSON.stringify({ to: form.To, body: form.Body });
    this.submits.set(key, (this.submits.get(key) ?? 0) + 1);
  }

  /** Resolves once every callback scheduled so far was answered. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const path = (req.url ?? '').split('?')[0];
    const checked = checkCreateRequest(
      { method: req.method, path, headers: req.headers, body },
      {
        sid: this.options.accountSid,
        authToken: this.options.authToken,
      },
    );
    const form = Object.fromEntries(checked.params);
    this.requests++;
    this.violations.push(...checked.problems.map((p) => `${p.field}: ${p.message} (${p.code})`));
    const fault = this.faults.shift();
    const problem = checked.problems[0];
    // Unanswered, a valid request may still have become a message, as at Twilio.
    if (problem === undefined && (fault === undefined || fault.kind !== 'error')) this.count(form);
    if (fault?.kind === 'never') return void this.hanging.add(res);
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'error') return this.error(res, fault.error, fault.retryAfter);
    if (problem !== undefined) return this.error(res, problem);
    const sid = `SM${randomBytes(16).toString('hex')}`;
    this.accepted.push({ sid, params: form });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify(messageResource(sid, this.options.accountSid, form)));
    if (form.StatusCallback !== undefined) this.track(this.sendCallbacks(sid, form, form.StatusCallback));
  }

  private error(res: ServerResponse, e: TwilioApiError, retryAfter?: string): void {
    const headers = {
      'content-type': 'application/json',
      ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
    };
    res.writeHead(e.status, headers);
    res.end(JSON.stringify(errorBody(e)));
  }

  private async sendCallbacks(sid: string, form: Record<string, string>, url: string): Promise<void> {
    const final = (this.options.outcome ?? (() => ({ status: 'delivered' }) as const))(form.To);
    for (const params of callbackParams(sid, this.options.accountSid, form, final)) {
      await new Promise((r) => setTimeout(r, this.options.callbackDelayMs ?? 5));
      await this.post(url, params);
    }
  }

  private async post(url: string, params: Record<string, string>): Promise<void> {
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(this.options.authToken, url, Object.entries(params)),
      'i-twilio-idempotency-token': randomUUID(),
      'user-agent': 'TwilioProxy/1.1',
    };
    const rawBody = Buffer.from(new URLSearchParams(params).toString());
    const target = this.options.callbackOrigin === undefined ? url : this.options.callbackOrigin + pathOf(url);
    const record: TwilioFakeCallback = { url, headers, rawBody, params, answer: 'pending' };
    this.callbacks.push(record);
    try {
      const res = await fetch(target, { method: 'POST', headers, body: rawBody, signal: AbortSignal.timeout(5000) });
      await res.text();
      record.answer = res.status;
    } catch (e) {
      record.answer = (e as Error).message;
    }
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}

function pathOf(url: string): string {
  return url.replace(/^https?:\/\/[^/?#]+/, '');
}
