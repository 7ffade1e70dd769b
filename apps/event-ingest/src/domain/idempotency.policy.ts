import { createHash } from 'node:crypto';

/** Printable ASCII without spaces, as Stripe and the IETF Idempotency-Key draft allow. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

export type IdempotencyOutcome = { kind: 'replay'; status: number; body: unknown } | { kind: 'conflict' };

/** Same key + same request -> the first response again; same key + another request -> conflict. */
export function decideIdempotency(stored: StoredResponse, requestHash: string): IdempotencyOutcome {
  return stored.requestHash === requestHash
    ? { kind: 'replay', status: stored.status, body: stored.body }
    : { kind: 'conflict' };
}

export interface RequestFingerprint {
  route: string;
  /** Headers that change the meaning of the request (content type, CloudEvents `ce-*` attributes). */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export function requestHashOf(request: RequestFingerprint): string {
  const hash = createHash('sha256').update(request.route).update('\n');
  for (const name of Object.keys(request.headers).sort()) {
    const value = request.headers[name];
    if (value !== undefined) hash.update(`${name.toLowerCase()}:${value}\n`);
  }
  return hash.update('\n').update(request.body).digest('hex');
}
