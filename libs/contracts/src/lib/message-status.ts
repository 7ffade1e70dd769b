import type { SmsEncoding } from './dto/common/enums';
import type { SmsMessageBase } from './dto/sms-message.base';
import type { SmsStatusV1, StatusMetaDto } from './dto/sms-status.v1';
import { TopicSpecs } from './topic-specs';
import { Topics } from './topics';
import { validateTopicPayload } from './validation';

/** A pipeline message (sms.requested/rendered/approved.v1); rendered and later also know their parts. */
export type PipelineMessage = SmsMessageBase & { segments?: number; encoding?: SmsEncoding };

/**
 * The status metadata of a message, built the same way by every stage and by the engine: what
 * receipts needs to build a public receipt without reading another service's tables. No personal data.
 */
export function statusMetaOf(m: PipelineMessage, parts: { segments?: number; encoding?: SmsEncoding } = {}): StatusMetaDto {
  const meta: StatusMetaDto = {
    sourceEventId: m.sourceEvent.id,
    sourceEventType: m.sourceEvent.type,
    templateKey: m.templateKey,
    locale: m.locale,
    category: m.category,
    country: m.recipient.country,
    recipientToken: m.recipient.token,
    // Receipts' latency starts here: there is no `accepted` status record.
    acceptedAt: m.requestedAt,
  };
  const segments = parts.segments ?? m.segments;
  const encoding = parts.encoding ?? m.encoding;
  if (segments !== undefined) meta.segments = segments;
  if (encoding !== undefined) meta.encoding = encoding;
  return meta;
}

export interface DeadLetterStatus {
  topic: typeof Topics.SmsStatusV1;
  key: string;
  payload: SmsStatusV1;
}

/**
 * When a record of a topic whose spec says `failedStatusOnDeadLetter` goes to the DLQ, the message
 * still has to end final: this is its `failed` status. Undefined when the topic carries no message,
 * or the payload is too broken to name one (then the DLQ record is all there is).
 */
export function deadLetterStatusOf(topic: string, payload: unknown, reasonCode: string, reason: string, service: string, at: Date): DeadLetterStatus | undefined {
  if (!(TopicSpecs as Record<string, { failedStatusOnDeadLetter?: boolean }>)[topic]?.failedStatusOnDeadLetter) return undefined;
  try {
    const m = payload as PipelineMessage;
    const status: SmsStatusV1 = {
      messageId: m.messageId,
      status: 'failed',
      reasonCode: reasonCode.slice(0, 64),
      reason: reason.slice(0, 500),
      service,
      at: at.toISOString(),
      meta: statusMetaOf(m),
    };
    const checked = validateTopicPayload(Topics.SmsStatusV1, status);
    return checked.ok ? { topic: Topics.SmsStatusV1, key: status.messageId, payload: checked.value } : undefined;
  } catch {
    return undefined;
  }
}
