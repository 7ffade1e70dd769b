import type { DeliveryState } from '@herald/contracts';
import type { HeraldLogger } from '@herald/observability';
import type { CarrierAdapter } from './carrier-adapter';
import type { CommonCarrierConfig } from './common-config';

/**
 * One kind of carrier (`type` in the carriers file): its config schema, how to build its adapter
 * and, when it reports by HTTP callback, how to read and verify those callbacks. Everything a
 * carrier needs lives in `carriers/<type>/`; registering the plugin in `carrier-registry.ts` is
 * the one line outside it.
 */
export interface CarrierPlugin<C extends CommonCarrierConfig = CommonCarrierConfig> {
  readonly type: string;
  /** JSON Schema of the fields this type adds to the common ones (validated at start). */
  readonly schema: CarrierSchema;
  /** Config fields holding the NAME of an environment variable with a secret (checked set at start). */
  readonly secretFields: readonly string[];
  /** Fills this type's defaults after validation. */
  withDefaults?(config: C): C;
  create(config: C, ctx: CarrierContext): CarrierAdapter;
  /** Present when the carrier reports statuses by HTTP callback to `/v1/carriers/:id/status`. */
  webhook?(config: C, ctx: CarrierContext): CarrierWebhook;
}

export interface CarrierSchema {
  required: readonly string[];
  properties: Record<string, object>;
}

/** What a carrier gets from dispatch: its secrets, timeouts and where its callbacks arrive. */
export interface CarrierContext {
  /** The value of a secret named by one of `secretFields` (validated set at start; never logged). */
  secret(envName: string): string;
  logger: HeraldLogger;
  /** This carrier's status callback URL as the provider must call it (DISPATCH_PUBLIC_URL based). */
  statusCallbackUrl: string;
  http: { timeoutMs: number; retries: number; retryDelayMs?: number; fetch?: typeof fetch };
  smpp: {
    enquireLinkMs: number;
    responseTimeoutMs: number;
    minBackoffMs: number;
    maxBackoffMs: number;
  };
  now(): number;
}

/** One status callback as it arrived. `url` is the public URL the carrier called (query included). */
export interface WebhookRequest {
  url: string;
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
}

/** A status a carrier reported, in Herald's words with the carrier's raw ones kept. */
export interface CarrierStatusReport {
  carrierMessageId: string;
  state: DeliveryState;
  rawStatus: string;
  rawError?: string;
  /** Our message id when the carrier echoed a reference we sent with the submit. */
  messageId?: string;
  doneDate?: string;
}

export type WebhookRejection = 'unauthenticated' | 'stale' | 'malformed';

/**
 * `ignored`: a well-formed, authentic callback that carries nothing to publish (an interim status
 * Herald does not track, an event type of no interest); it is acknowledged.
 */
export type WebhookReading =
  { ok: true; reports: CarrierStatusReport[] } | { ok: false; reason: WebhookRejection; detail: string };

export interface CarrierWebhook {
  /** Verifies the signature (constant time) and decodes the body; never throws. */
  read(request: WebhookRequest): WebhookReading;
}
