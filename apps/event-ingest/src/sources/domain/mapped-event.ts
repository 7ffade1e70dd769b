import type { DomainTopicName } from '@herald/contracts';
import type { WebhookHeaders } from './signatures/signature-check';

/** A verified webhook, parsed: what a mapping pack reads. */
export interface VerifiedWebhook {
  /** The platform's topic: `orders/create`, `order.updated`, `invoice.payment_failed`. */
  topic: string;
  headers: WebhookHeaders;
  payload: Record<string, unknown>;
  receivedAt: Date;
}

/** The Herald event a webhook maps to; `id` is the platform's own delivery or event id. */
export interface MappedEvent {
  id: string;
  type: DomainTopicName;
  time: string;
  subject?: string;
  data: Record<string, unknown>;
}

/** An SMS marketing consent the platform collected (granted) or withdrawn (revoked), to record in compliance. */
export interface ConsentChange {
  phone: string;
  country?: string;
  granted: boolean;
  /** When the customer gave or withdrew it, as the platform says. */
  at?: string;
  /** Where the platform collected it, e.g. Shopify's consent_collected_from (SHOPIFY, OTHER). */
  collectedFrom?: string;
}

export type MappingResult =
  /** `consent`: the payload also carried a consent (Shopify customers/create before API 2025-01). */
  | { kind: 'event'; event: MappedEvent; consent?: ConsentChange }
  | { kind: 'consent'; consent: ConsentChange }
  /** A topic the pack does not map (answered 200 and counted). */
  | { kind: 'unmapped' }
  /** A mapped topic in a state that sends nothing, e.g. a fulfillment update that is not `delivered`. */
  | { kind: 'ignored'; reason: string };

export type TopicMapper = (webhook: VerifiedWebhook) => MappingResult;

export const ignored = (reason: string): MappingResult => ({ kind: 'ignored', reason });
