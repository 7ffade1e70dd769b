import { NO_PARTS, type SubmitOutcome } from '../domain/submit-outcome';

/** One HTTP exchange with a provider, as the adapter observed it. */
export type HttpExchange =
  | { kind: 'response'; status: number; body: unknown; retryAfter?: string | null }
  /** No answer: the request may have reached the provider (timeout, reset after send). */
  | { kind: 'no_answer'; code: string }
  /** The request never left (connection refused, DNS failure). */
  | { kind: 'not_sent'; code: string };

export type HttpAnswer = Extract<HttpExchange, { kind: 'response' }>;

export type HttpVerdict = { final: SubmitOutcome } | { retry: true; ifExhausted: SubmitOutcome };

/**
 * A request that never left is worth another try. No answer to a request that was written
 * (timeout, reset) may mean the provider has it: ambiguous at once, unless the provider dedupes on
 * an idempotency key we send (`idempotent`): then the same request with the same key is retried,
 * and only an unanswered last try is ambiguous.
 */
export function judgeUnanswered(x: Exclude<HttpExchange, HttpAnswer>, idempotent: boolean): HttpVerdict {
  if (x.kind === 'not_sent') return { retry: true, ifExhausted: transient(x.code, `request not sent (${x.code})`) };
  const ambiguous: SubmitOutcome = {
    kind: 'ambiguous',
    rawStatus: x.code,
    reason: `no answer (${x.code}) to a request that may have arrived`,
    acceptedParts: NO_PARTS,
  };
  return idempotent ? { retry: true, ifExhausted: ambiguous } : { final: ambiguous };
}

export interface StatusReading {
  /** The provider's message ids of an accepted request. */
  ids: string[];
  /** Billed segments as the provider counted them, when it says. */
  segments: number;
  /** The provider's own words for a refusal (code and message). */
  error?: string;
  /** The provider's error code, kept raw (e.g. Twilio 21211). */
  rawStatus?: string;
}

// The HTTP status decides: 2xx accepted; 429 slow down (Retry-After seconds); 5xx (an answer: the
// request was not taken) worth a retry; any other 4xx refused for good.
export function judgeByStatus(x: HttpAnswer, reading: StatusReading): HttpVerdict {
  const rawStatus = reading.rawStatus ?? `HTTP_${x.status}`;
  if (x.status >= 200 && x.status < 300)
    return { final: { kind: 'submitted', carrierMessageIds: reading.ids, segments: reading.segments } };
  if (x.status === 429) return { final: throttled(rawStatus, x.retryAfter) };
  if (x.status >= 500)
    return { retry: true, ifExhausted: transient(rawStatus, `provider answered ${x.status}${suffix(reading.error)}`) };
  return {
    final: { kind: 'permanent', rawStatus, reason: `provider refused the message: ${reading.error ?? x.status}` },
  };
}

export function throttled(rawStatus: string, retryAfter?: string | null): SubmitOutcome {
  const seconds = Number(retryAfter);
  const retryAfterMs =
    retryAfter != null && retryAfter !== '' && Number.isFinite(seconds) && seconds >= 0
      ? Math.round(seconds * 1000)
      : undefined;
  return {
    kind: 'throttled',
    rawStatus,
    acceptedParts: NO_PARTS,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

export function transient(rawStatus: string, reason: string): SubmitOutcome {
  return { kind: 'transient', rawStatus, reason, acceptedParts: NO_PARTS };
}

/** Herald's generic JSON aggregator: 2xx `{ id }`, errors `{ error | message | code }`. */
export function judgeHttpExchange(x: HttpExchange, segments: number, idempotent = false): HttpVerdict {
  if (x.kind !== 'response') return judgeUnanswered(x, idempotent);
  const body = isObject(x.body) ? x.body : {};
  const id = typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : undefined;
  const error = body.error ?? body.message ?? body.code;
  return judgeByStatus(x, {
    ids: id === undefined ? [] : [id],
    segments,
    ...(typeof error === 'string' ? { error: error.slice(0, 200) } : {}),
  });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function suffix(error: string | undefined): string {
  return error === undefined ? '' : `: ${error}`;
}
