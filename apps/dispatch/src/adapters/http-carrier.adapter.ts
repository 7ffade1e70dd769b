import type { CarrierConfig } from '../domain/carrier-config';
import { judgeHttpExchange, type HttpExchange } from '../domain/http-outcome';
import type { CarrierAdapter, CarrierEventSink, CarrierHealth, OutboundSms, SubmitOutcome } from './carrier-adapter';

export interface HttpAdapterOptions {
  carrier: CarrierConfig;
  /** Bearer token; never logged. */
  token: string;
  timeoutMs: number;
  /** Extra tries on 5xx or no answer. */
  retries: number;
  retryDelayMs?: number;
  fetch?: typeof fetch;
}

// Errors raised before a byte of the request left: resending cannot duplicate anything.
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * A generic aggregator over HTTPS JSON: `POST {url}` with `{ to, from, body, reference }` and a
 * bearer token, answered `{ id }`. Receipts from such carriers arrive by webhook at receipts.
 * A request that may have arrived is never sent again unless the carrier is configured with
 * `idempotencyKeyHeader`.
 */
export class HttpCarrierAdapter implements CarrierAdapter {
  readonly id: string;
  private readonly fetch: typeof fetch;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: HttpAdapterOptions) {
    this.id = options.carrier.id;
    this.fetch = options.fetch ?? fetch;
  }

  start(_sink: CarrierEventSink): void {
    return;
  }

  health(): CarrierHealth {
    return { bound: true, state: 'ready', inFlight: this.active };
  }

  async submit(sms: OutboundSms): Promise<SubmitOutcome> {
    const body = JSON.stringify({
      to: sms.destination,
      from: sms.source,
      body: sms.parts.join(''),
      reference: sms.reference,
    });
    await this.acquire();
    try {
      let last: SubmitOutcome | undefined;
      for (let attempt = 0; attempt <= this.options.retries; attempt++) {
        if (attempt > 0) await sleep((this.options.retryDelayMs ?? 200) * 2 ** (attempt - 1));
        const verdict = judgeHttpExchange(
          await this.exchange(body, sms.messageId),
          sms.parts.length,
          this.options.carrier.idempotencyKeyHeader !== undefined,
        );
        if ('final' in verdict) return verdict.final;
        // Once a request may have arrived, the outcome stays ambiguous unless a later try settles it.
        last = last?.kind === 'ambiguous' && verdict.ifExhausted.kind !== 'ambiguous' ? last : verdict.ifExhausted;
      }
      return last as SubmitOutcome;
    } finally {
      this.release();
    }
  }

  async stop(): Promise<void> {
    return;
  }

  private async exchange(body: string, messageId: string): Promise<HttpExchange> {
    const key = this.options.carrier.idempotencyKeyHeader;
    try {
      const res = await this.fetch(this.options.carrier.url as string, {
        method: 'POST',
        // The message id as the key: every try of one message carries the same one.
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.options.token}`,
          ...(key === undefined ? {} : { [key]: messageId }),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await res.text();
      return {
        kind: 'response',
        status: res.status,
        body: parseJson(text),
        retryAfter: res.headers.get('retry-after'),
      };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError') return { kind: 'no_answer', code: 'TIMEOUT' };
      const code = err.cause?.code ?? 'NETWORK_ERROR';
      return NOT_SENT.has(code) ? { kind: 'not_sent', code } : { kind: 'no_answer', code };
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.carrier.windowSize) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.active--;
    else next();
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
