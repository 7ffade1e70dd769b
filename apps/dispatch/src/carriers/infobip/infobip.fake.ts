import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSendRequest, deliveryReport, errorBody, smsCount, STATUS, type InfobipFinal } from './infobip-fake-wire';
import { basicAuthorization } from './infobip-webhook-auth';
export type { InfobipFinal } from './infobip-fake-wire';

/** A scripted answer to the next submit instead of the normal one. */
export type InfobipFault =
  | { status: 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503; code?: string; text?: string; retryAfter?: string }
  | { rejectStatus: string }
  | 'never'
  | 'reset';

export interface InfobipFakeOptions {
  apiKey: string;
  /** `username:password` the fake presents as Basic auth on its delivery reports. */
  webhookCredentials: string;
  /** The account's delivery-report subscription URL: where reports go for a message with no notifyUrl. */
  subscriptionUrl?: string;
  /** Reports due within this window go out together in one `results` array. */
  callbackDelayMs?: number;
  final?: InfobipFinal;
}

export class InfobipFake {
  readonly violations: string[] = [];
  readonly requests: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  readonly callbacks: Array<{ url: string; status: number; body: string }> = [];
  final: InfobipFinal;
  private readonly faults: InfobipFault[] = [];
  private readonly submits = new Map<string, number>();
  private pending: Array<{ url: string; result: Record<string, unknown> }> = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private readonly server: Server = createServer((req, res) => this.handle(req, res));

  constructor(private readonly options: InfobipFakeOptions) {
    this.final = options.final ?? { kind: 'delivered' };
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next submits get these answers, in order. */
  script(...faults: InfobipFault[]): this {
    this.faults.push(...faults);
    return this;
  }

  /** Destination+text pairs submitted (and accepted or not) more than once. */
  duplicates(): Array<{ key: string; count: number }> {
    return [...this.submits].filter(([, n]) => n > 1).map(([key, count]) => ({ key, count }));
  }

  /** Resolves once every report due so far was posted. */
  async callbacksSent(): Promise<void> {
    if (this.pending.length > 0) {
      clearTimeout(this.timer);
      this.flush();
    }
    await this.flushing;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      this.requests.push({ headers: req.headers, body: raw });
      const check = checkSendRequest(req.method, req.url, req.headers, raw, this.options.apiKey);
      if (check.status !== undefined) {
        this.violations.push(...check.problems);
        return error(res, check.status, check.problems.join('; '));
      }
      const message = check.body!.messages[0]!;
      const destinations = message.destinations as Array<{ to: string; messageId?: string }>;
      for (const d of destinations) {
        const key = `${d.to}|${String(message.text)}`;
        this.submits.set(key, (this.submits.get(key) ?? 0) + 1);
      }
      const fault = this.faults.shift();
      if (fault === 'never') return;
      if (fault === 'reset') return void req.socket.destroy();
      if (fault !== undefined && 'status' in fault)
        return error(res, fault.status, fault.text, fault.code, fault.retryAfter);
      this.accept(res, check.body!, message, destinations, fault?.rejectStatus);
    });
  }

  private accept(
    res: ServerResponse,
    body: Record<string, unknown>,
    message: Record<string, unknown>,
    destinations: Array<{ to: string; messageId?: string }>,
    rejectStatus: string | undefined,
  ): void {
    const count = smsCount(String(message.text));
    const bulkId = randomUUID();
    const status = rejectStatus === undefined ? STATUS.accepted : { ...STATUS.rejected, name: rejectStatus };
    const answered = destinations.map((d) => ({
      to: d.to,
      status,
      messageId: d.messageId ?? randomUUID(),
      ...(body.includeSmsCountInResponse === true ? { smsCount: count } : {}),
    }));
    json(res, 200, { bulkId, messages: answered });
    if (rejectStatus !== undefined) return;
    const url = (message.notifyUrl as string | undefined) ?? this.options.subscriptionUrl;
    if (url === undefined) return;
    for (const m of answered)
      this.pending.push({ url, result: deliveryReport(this.final, bulkId, m, count, message.callbackData) });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.options.callbackDelayMs ?? 20);
  }

  private flush(): void {
    const due = this.pending;
    this.pending = [];
    const byUrl = new Map<string, unknown[]>();
    for (const p of due) byUrl.set(p.url, [...(byUrl.get(p.url) ?? []), p.result]);
    const posts = [...byUrl].map(([url, results]) => this.post(url, JSON.stringify({ results })));
    this.flushing = Promise.all([this.flushing, ...posts]).then(() => undefined);
  }

  private async post(url: string, body: string): Promise<void> {
    const headers = {
      'content-type': 'application/json',
      authorization: basicAuthorization(this.options.webhookCredentials),
    };
    const status = await fetch(url, { method: 'POST', headers, body }).then(
      (r) => r.status,
      () => 0,
    );
    this.callbacks.push({ url, status, body });
  }
}

function error(res: ServerResponse, status: number, text?: string, code?: string, retryAfter?: string): void {
  json(res, status, errorBody(status, text, code), retryAfter);
}

function json(res: ServerResponse, status: number, payload: unknown, retryAfter?: string): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(retryAfter ? { 'retry-after': retryAfter } : {}) });
  res.end(JSON.stringify(payload));
}
