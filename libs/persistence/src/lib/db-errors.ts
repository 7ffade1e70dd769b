// SQLSTATE classes that clear up on their own: connection exceptions (08), insufficient resources (53),
// operator intervention such as admin shutdown (57P), serialization failures and deadlocks (40).
const TRANSIENT_SQLSTATE = /^(08|53|57P|40)/;
const TRANSIENT_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function isTransientDbError(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string } | undefined;
  const code = err?.driverError?.code ?? err?.code;
  if (code && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE.has(code))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(err?.message ?? '');
}
