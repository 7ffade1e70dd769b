import { NO_PARTS, type SubmitOutcome } from './submit-outcome';

/** One HTTP exchange with an aggregator, as the adapter observed it. */
export type HttpExchange =
  | { kind: 'response'; status: number; body: unknown; retryAfter?: string | null }
  /** No answer: the request may have reached the aggregator (timeout, reset after send). */
  | { kind: 'no_answer'; code: string }
  /** The request never left (connection refused, DNS failure). */
  | { kind: 'not_sent'; code: string };

export type HttpVerdict = { final: SubmitOutcome } | { retry: true; ifExhausted: SubmitOutcome };

// Generic aggregator contract: 2xx { id } accepted; 429 slow down (Retry-After seconds); other 4xx
// refused for good; 5xx (an answer: the request was not taken) worth a retry. No answer to a
// request that was written (timeout, reset) may mean the aggregator has it: it is ambiguous at
// once, unless the carrier dedupes on an idempotency key header we send (`idempotent`), in which
// case the same request with the same key is retried, and only an unanswered last try is ambiguous.
export function judgeHttpExchange(x: HttpExchange, segments: number, idempotent = false): HttpVerdict {
  if (x.kind === 'not_sent') return { retry: true, ifExhausted: transient(x.code, `request not sent (${x.code})`) };
  if (x.kind === 'no_answer') {
    const ambiguous: SubmitOutcome = {
      kind: 'ambiguous',
      rawStatus: x.code,
      reason: `no answer (${x.code}) to a request that may have arrived`,
      acceptedParts: NO_PARTS,
    };
    return idempotent ? { retry: true, ifExhausted: ambiguous } : { final: ambiguous };
  }
  const rawStatus = `HTTP_${x.status}`;
  if (x.status >= 200 && x.status < 300) {
    const id =
      isObject(x.body) && (typeof x.body.id === 'string' || typeof x.body.id === 'number')
        ? String(x.body.id)
        : undefined;
    return { final: { kind: 'submitted', carrierMessageIds: id === undefined ? [] : [id], segments } };
  }
  if (x.status === 429) {
    const seconds = Number(x.retryAfter);
    const retryAfterMs =
      x.retryAfter != null && Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
    return {
      final: {
        kind: 'throttled',
        rawStatus,
        acceptedParts: NO_PARTS,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
    };
  }
  if (x.status >= 500) return { retry: true, ifExhausted: transient(rawStatus, `aggregator answered ${x.status}`) };
  return {
    final: { kind: 'permanent', rawStatus, reason: `aggregator refused the message: ${errorText(x.body) ?? x.status}` },
  };
}

function transient(rawStatus: string, reason: string): SubmitOutcome {
  return { kind: 'transient', rawStatus, reason, acceptedParts: NO_PARTS };
}

function errorText(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const value = body.error ?? body.message ?? body.code;
  return typeof value === 'string' ? value.slice(0, 200) : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
