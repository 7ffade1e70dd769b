import { parseTraceparent } from '@herald/contracts';
import { badRequest } from '@herald/service-kit';
import { IDEMPOTENCY_KEY_PATTERN, requestHashOf } from '../domain/idempotency.policy';
import type { AuthedRequest } from './api-key.guard';

export type HeaderMap = Record<string, string | undefined>;

export function headersOf(req: AuthedRequest): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export function bodyOf(req: AuthedRequest): Buffer {
  return req.rawBody ?? Buffer.alloc(0);
}

/**
 * The Idempotency-Key and the hash of what it protects: route, content type, `ce-*` attributes and
 * body bytes. Undefined when the caller sent no key.
 */
export function idempotencyOf(req: AuthedRequest, route: string): { key: string; requestHash: string } | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw badRequest('INVALID_REQUEST', 'Idempotency-Key is malformed', [
      { field: 'Idempotency-Key', reason: 'must be 1 to 255 printable ASCII characters without spaces' },
    ]);
  }
  const headers = headersOf(req);
  const meaningful: HeaderMap = { 'content-type': headers['content-type'] };
  for (const name of Object.keys(headers)) if (name.startsWith('ce-')) meaningful[name] = headers[name];
  return { key, requestHash: requestHashOf({ route, headers: meaningful, body: bodyOf(req) }) };
}

export function parseJsonBody(req: AuthedRequest): unknown {
  try {
    return JSON.parse(bodyOf(req).toString('utf8'));
  } catch {
    throw badRequest('INVALID_JSON', 'request body is not valid JSON', [{ field: '$', reason: 'is not valid JSON' }]);
  }
}

/** A well-formed W3C traceparent header, else none (a new trace starts downstream). */
export function traceparentOf(req: AuthedRequest): string | undefined {
  const value = req.headers.traceparent;
  return typeof value === 'string' && parseTraceparent(value) ? value : undefined;
}
