import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSend, partsOf } from './vonage-fake-checks';
import { sign, type SignatureMethod } from './vonage-signature';

export interface VonageFakeOptions {
  apiKey: string;
  apiSecret: string;
  /** Signs every receipt (timestamp, nonce, sig) when set, as an account with signed webhooks does. */
  signatureSecret?: string;
  signatureMethod?: SignatureMethod;
  /** Where receipts go instead of the request's `callback`. */
  callbackUrl?: string;
  /** Also send an interim `accepted` receipt before the final one. */
  interim?: boolean;
  callbackFormat?: 'json' | 'form';
  now?: () => number;
}

/** A receipt's status and err-code; the final one is `delivered`, err-code 0, unless told otherwise. */
export interface FakeOutcome {
  status: 'accepted' | 'buffered' | 'delivered' | 'failed' | 'expired' | 'rejected' | 'unknown';
  errCode: string;
}

export type VonageFault =
  | { kind: 'http'; status: number; body?: unknown; headers?: Record<string, string> }
  /** A 200 answer refusing every part with this send status (1 throttled, 5 internal error...). */
  | { kind: 'status'; status: string; errorText?: string }
  /** The first part accepted, the others refused with this status. */
  | { kind: 'partial'; status: string }
  | { kind: 'timeout' }
  | { kind: 'reset' };

export interface FakeSubmit {
  params: Record<string, string>;
  ids: string[];
}
export interface FakeCallback {
  url: string;
  params: Record<string, string>;
  /** The HTTP status dispatch answered, 0 when the request failed. */
  answered: number;
}

/** A local Vonage SMS API: strict about requests, answers and sends receipts as Vonage does. */
export class VonageFake {
  readonly violations: string[] = [];
  readonly submits: FakeSubmit[] = [];
  readonly callbacks: FakeCallback[] = [];
  private readonly faults: VonageFault[] = [];
  private readonly outcomes = new Map<string, FakeOutcome>();
  private readonly sent = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();
  private server: Server | undefined;
  url = '';
  /** Send requests received, answered or not. */
  requests = 0;

  constructor(private readonly opts: VonageFakeOptions) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.serve(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await this.settled();
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  failNext(...faults: VonageFault[]): void {
    this.faults.push(...faults);
  }

  /** The final receipt status for one destination (E.164 digits, no '+'), or for all ('*'). */
  setOutcome(outcome: FakeOutcome, destination = '*'): void {
    this.outcomes.set(destination, outcome);
  }

  /** Sends of one message (destination + text + client-ref) received more than once. */
  duplicates(): Array<{ to: string; count: number }> {
    return [...this.sent].filter(([, n]) => n > 1).map(([key, count]) => ({ to: key.split('\n')[0], count }));
  }

  /** Resolves once every receipt sent so far has been answered. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/_fake/state') return this.state(res);
      const { problems, params } = checkSend(req, Buffer.concat(chunks).toString('utf8'));
      this.requests++;
      const key = `${params.to}\n${params.text}\n${params['client-ref'] ?? ''}`;
      this.sent.set(key, (this.sent.get(key) ?? 0) + 1);
      this.violations.push(...problems.map((p) => p.text));
      if (problems.length > 0) return json(res, 200, refusal(problems[0].status, problems[0].text));
      if (params.api_key !== this.opts.apiKey || params.api_secret !== this.opts.apiSecret)
        return json(res, 200, refusal('4', 'Bad Credentials'));
      this.answer(req, res, params, this.faults.shift());
    });
  }

  private answer(req: IncomingMessage, res: ServerResponse, p: Record<string, string>, fault?: VonageFault): void {
    if (fault?.kind === 'timeout') return;
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'http') return json(res, fault.status, fault.body ?? {}, fault.headers);
    if (fault?.kind === 'status') return json(res, 200, refusal(fault.status, fault.errorText ?? 'refused'));
    const parts = partsOf(p.text, p.type ?? 'text');
    const ids = Array.from({ length: parts }, () => randomBytes(8).toString('hex').toUpperCase());
    const accepted = fault?.kind === 'partial' ? ids.slice(0, 1) : ids;
    this.submits.push({ params: p, ids: accepted });
    const messages = ids.map((id, i) =>
      i < accepted.length
        ? {
            to: p.to,
            'message-id': id,
            status: '0',
            'remaining-balance': '3.14159265',
            'message-price': '0.03330000',
            network: '26202',
            ...(p['client-ref'] ? { 'client-ref': p['client-ref'] } : {}),
          }
        : { status: fault?.kind === 'partial' ? fault.status : '5', 'error-text': 'refused' },
    );
    const finished = new Promise<void>((resolve) => res.on('finish', resolve));
    this.track(finished.then(async () => void (await Promise.all(accepted.map((id) => this.report(p, id))))));
    json(res, 200, { 'message-count': String(parts), messages });
  }

  private async report(p: Record<string, string>, id: string): Promise<void> {
    const url = this.opts.callbackUrl ?? p.callback;
    if (url === undefined || p['status-report-req'] === '0' || p['status-report-req'] === 'false') return;
    const final = this.outcomes.get(p.to) ?? this.outcomes.get('*') ?? { status: 'delivered', errCode: '0' };
    if (this.opts.interim) await this.post(url, this.receipt(p, id, { status: 'accepted', errCode: '0' }));
    await this.post(url, this.receipt(p, id, final));
  }

  /** The documented receipt fields; signed when the account signs its webhooks. */
  receipt(p: Record<string, string>, id: string, o: FakeOutcome): Record<string, string> {
    const now = new Date(this.opts.now?.() ?? Date.now());
    const iso = now.toISOString();
    const r: Record<string, string> = {
      msisdn: p.to,
      to: p.from,
      'network-code': '26202',
      messageId: id,
      price: '0.03330000',
      status: o.status,
      scts: iso.slice(2, 16).replace(/[-T:]/g, ''),
      'err-code': o.errCode,
      'api-key': this.opts.apiKey,
      'message-timestamp': `${iso.slice(0, 10)} ${iso.slice(11, 19)}`,
      ...(p['client-ref'] ? { 'client-ref': p['client-ref'] } : {}),
    };
    if (this.opts.signatureSecret === undefined) return r;
    r.timestamp = String(Math.floor(now.getTime() / 1000));
    r.nonce = randomUUID();
    r.sig = sign(r, this.opts.signatureSecret, this.opts.signatureMethod ?? 'md5hash');
    return r;
  }

  private async post(url: string, params: Record<string, string>): Promise<void> {
    const form = this.opts.callbackFormat === 'form';
    const entry: FakeCallback = { url, params, answered: 0 };
    this.callbacks.push(entry);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
        body: form ? new URLSearchParams(params).toString() : JSON.stringify(params),
      });
      entry.answered = res.status;
    } catch {
      entry.answered = 0;
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private state(res: ServerResponse): void {
    json(res, 200, {
      submits: this.submits.length,
      callbacks: this.callbacks.length,
      violations: this.violations,
      duplicates: this.duplicates(),
    });
  }
}

function refusal(status: string, text: string): object {
  return { 'message-count': '1', messages: [{ status, 'error-text': text }] };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
