import { createLogger } from '@herald/observability';
import type { CarrierContext } from '../carrier-plugin';

/** A CarrierContext for specs and fakes: secrets from a plain map, quick HTTP retries, a fixed or real clock. */
export function carrierTestContext(
  over: {
    secrets?: Record<string, string>;
    statusCallbackUrl?: string;
    http?: Partial<CarrierContext['http']>;
    now?: () => number;
  } = {},
): CarrierContext {
  const secrets = over.secrets ?? {};
  return {
    secret: (name) => {
      const value = secrets[name];
      if (value === undefined) throw new Error(`test context: no secret ${name}`);
      return value;
    },
    logger: createLogger('carrier-spec', 'silent'),
    statusCallbackUrl: over.statusCallbackUrl ?? 'http://127.0.0.1:3004/v1/carriers/test/status',
    http: { timeoutMs: 2000, retries: 2, retryDelayMs: 10, ...over.http },
    smpp: { enquireLinkMs: 30_000, responseTimeoutMs: 5000, minBackoffMs: 100, maxBackoffMs: 1000 },
    now: over.now ?? (() => Date.now()),
  };
}
