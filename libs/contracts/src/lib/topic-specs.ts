import { DomainTopicName, DomainTopics, TopicName, Topics } from './topics';

/** How a topic's records are keyed; the key decides partitioning and therefore ordering. */
export type TopicKey =
  'producer' | 'recipientToken' | 'messageId' | 'carrierMessageId' | 'messageIdElseCarrierMessageId';

export interface TopicSpec {
  name: TopicName;
  partitions: number;
  compacted: boolean;
  retentionMs?: number;
  key: TopicKey;
  description: string;
  /**
   * Each record is one SMS message on its way to a carrier: when a consumer dead-letters one, the
   * engine also emits its `failed` sms.status.v1 so the message still ends final.
   */
  failedStatusOnDeadLetter?: boolean;
}

export const DEFAULT_PARTITIONS = 6;

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

function spec(name: TopicName, key: TopicKey, description: string, extra: Partial<TopicSpec> = {}): TopicSpec {
  return { name, partitions: DEFAULT_PARTITIONS, compacted: false, key, description, ...extra };
}

const domainSpecs = Object.fromEntries(
  DomainTopics.map((name) => [
    name,
    spec(name, 'producer', `Domain event ${name} published by business systems, consumed by event-ingest.`),
  ]),
) as Record<DomainTopicName, TopicSpec>;

export const TopicSpecs: Record<TopicName, TopicSpec> = {
  ...domainSpecs,
  [Topics.SmsRequestedV1]: spec(
    Topics.SmsRequestedV1,
    'recipientToken',
    'One notification to render; event-ingest -> templating.',
    { failedStatusOnDeadLetter: true },
  ),
  [Topics.SmsRenderedV1]: spec(
    Topics.SmsRenderedV1,
    'recipientToken',
    'Rendered body, encoding, segments, sender; templating -> compliance.',
    { failedStatusOnDeadLetter: true },
  ),
  [Topics.SmsApprovedV1]: spec(
    Topics.SmsApprovedV1,
    'recipientToken',
    'Message cleared by compliance; compliance -> dispatch.',
    { failedStatusOnDeadLetter: true },
  ),
  [Topics.SmsStatusV1]: spec(
    Topics.SmsStatusV1,
    'messageId',
    'Internal transitions (suppressed, deferred, submitted, failed, expired, ambiguous), each carrying meta.acceptedAt; no accepted status is sent; any stage -> receipts.',
  ),
  [Topics.CarrierReceiptsV1]: spec(
    Topics.CarrierReceiptsV1,
    'messageIdElseCarrierMessageId',
    'Raw carrier DLRs with parsed fields; carrier adapters -> receipts.',
  ),
  [Topics.CarrierInboundV1]: spec(
    Topics.CarrierInboundV1,
    'recipientToken',
    'Mobile-originated messages (STOP/HELP/replies); carrier adapters -> receipts.',
  ),
  [Topics.SmsOptoutsV1]: spec(
    Topics.SmsOptoutsV1,
    'recipientToken',
    'Latest opt-out state per recipient; receipts/API -> compliance.',
    { compacted: true },
  ),
  // Public topic: analysts replay it, so it keeps a month rather than the broker default.
  [Topics.SmsReceiptsV1]: spec(
    Topics.SmsReceiptsV1,
    'messageId',
    'Public canonical receipts, by default one per submitted, deferred and final state (2 per delivered message; every transition with RECEIPTS_PUBLISH=all), ce_id stable per transition: state, isFinal, raw carrier code, latency; receipts -> analysts.',
    { retentionMs: THIRTY_DAYS_MS },
  ),
};
