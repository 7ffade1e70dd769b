import { sleep } from '../application/sleep';
import type { CarrierAdapter, CarrierEventSink, CarrierHealth, OutboundSms, SubmitOutcome } from './carrier-adapter';
import type { CarrierContext } from './carrier-plugin';
import { judgeUnanswered, type HttpAnswer, type HttpExchange, type HttpVerdict } from './http-exchange';

/** One request to a provider's send API. */
export interface ProviderRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What makes one HTTP provider: how a message becomes its request, and how its answer reads.
 * Everything else (window, timeouts, retries, what "no answer" means) is shared here.
 */
export interface ProviderProtocol {
  request(sms: OutboundSms): ProviderRequest;
  read(answer: HttpAnswer, sms: OutboundSms): HttpVerdict;
  /**
   * The header the provider deduplicates on, if it has one; the message id is sent in it, so every
   * try of one message carries the same key. Only then is an unanswered request tried again.
   */
  idempotencyKeyHeader?: string;
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
 * A carrier behind an HTTPS API: at most `windowSize` requests in flight, each with a timeout; a
 * request that may have arrived is never sent again unless the provider dedupes on a key we send.
 */
export class HttpProviderAdapter implements CarrierAdapter {
  readonly windowUnit = 'request';
  private readonly fetch: typeof fetch;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly id: string,
    private readonly windowSize: number,
    private readonly protocol: ProviderProtocol,
    private readonly http: CarrierContext['http'],
  ) {
    this.fetch = http.fetch ?? fetch;
  }

  start(_sink: CarrierEventSink): void {
    return;
  }

  health(): CarrierHealth {
    return { bound: true, state: 'ready', inFlight: this.active };
  }

  async submit(sms: OutboundSms): Promise<SubmitOutcome> {
    const request = this.protocol.request(sms);
    const key = this.protocol.idempotencyKeyHeader;
    if (key !== undefined) request.headers[key] = sms.messageId;
    await this.acquire();
    try {
      let last: SubmitOutcome | undefined;
      for (let attempt = 0; attempt <= this.http.retries; attempt++) {
        if (attempt > 0) await sleep((this.http.retryDelayMs ?? 200) * 2 ** (attempt - 1));
        const x = await this.exchange(request);
        const verdict = x.kind === 'response' ? this.protocol.read(x, sms) : judgeUnanswered(x, key !== undefined);
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

  private async exchange(request: ProviderRequest): Promise<HttpExchange> {
    try {
      const res = await this.fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(this.http.timeoutMs),
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
    if (this.active < this.windowSize) {
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
