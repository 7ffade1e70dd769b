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

export type MappingResult =
  | { kind: 'event'; event: MappedEvent }
  /** A topic the pack does not map (answered 200 and counted). */
  | { kind: 'unmapped' }
  /** A mapped topic in a state that sends nothing, e.g. a fulfillment update that is not `delivered`. */
  | { kind: 'ignored'; reason: string };

export type TopicMapper = (webhook: VerifiedWebhook) => MappingResult;

export const ignored = (reason: string): MappingResult => ({ kind: 'ignored', reason });
