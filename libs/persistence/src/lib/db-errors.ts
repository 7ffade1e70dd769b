import { HeraldError, isHeraldError } from '@herald/contracts';

// SQLSTATE classes that clear up on their own: connection exceptions (08), insufficient resources (53),
// operator intervention such as admin shutdown (57P), serialization failures and deadlocks (40).
const TRANSIENT_SQLSTATE = /^(08|53|57P|40)/;
const TRANSIENT_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function isTransientDbError(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string } | undefined;
  const code = err?.driverError?.code ?? err?.code;
  if (code && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE.has(code))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(
    err?.message ?? '',
  );
}

/**
 * A transient driver error becomes a retriable DB_UNAVAILABLE (`<what>: <driver message>`), so a
 * consumer retries the batch with backoff and an HTTP API answers 503; anything else is a bug and stays as it is.
 */
export function asDbUnavailable(what: string, e: unknown): unknown {
  if (isHeraldError(e) || !isTransientDbError(e)) return e;
  return new HeraldError('DB_UNAVAILABLE', `${what}: ${(e as Error).message}`, { cause: e });
}

/** Runs one database call, with its transient failures turned into DB_UNAVAILABLE (see asDbUnavailable). */
export async function withDbErrors<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw asDbUnavailable(what, e);
  }
}
