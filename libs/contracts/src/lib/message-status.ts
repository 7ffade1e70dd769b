import type { MessageCategory, SmsEncoding } from './dto/common/enums';
import { MESSAGE_META_FIELDS, type MessageMetaDto } from './dto/common/message-meta.dto';
import type { SmsMessageBase } from './dto/sms-message.base';
import type { SmsStatusV1, StatusMetaDto } from './dto/sms-status.v1';
import { TopicSpecs } from './topic-specs';
import { Topics } from './topics';
import { validateTopicPayload } from './validation';

/** A pipeline message (sms.requested/rendered/approved.v1); rendered and later also know their parts. */
export type PipelineMessage = SmsMessageBase & { segments?: number; encoding?: SmsEncoding };

/** What a message's metadata is built from: a pipeline message, or event-ingest's plan of one. */
export interface MessageMetaSource {
  sourceEvent: { id: string; type: string };
  templateKey: string;
  locale: string;
  category: MessageCategory;
  recipient: { country: string; token: string };
  /** When Herald accepted the request; receipts' latency starts here (there is no `accepted` status record). */
  requestedAt?: string;
  segments?: number;
  encoding?: SmsEncoding;
}

/**
 * The metadata of a message, built the same way by every stage and by the engine: what receipts
 * needs to build a public receipt without reading another service's tables. No personal data.
 */
export function statusMetaOf(
  m: MessageMetaSource,
  parts: { segments?: number; encoding?: SmsEncoding } = {},
): StatusMetaDto {
  return definedOnly({
    sourceEventId: m.sourceEvent.id,
    sourceEventType: m.sourceEvent.type,
    templateKey: m.templateKey,
    locale: m.locale,
    category: m.category,
    country: m.recipient.country,
    recipientToken: m.recipient.token,
    segments: parts.segments ?? m.segments,
    encoding: parts.encoding ?? m.encoding,
    acceptedAt: m.requestedAt,
  });
}

/** The message metadata fields of `meta` (a status meta, a stored record): the base of a receipt. */
export function pickMessageMeta(meta: MessageMetaDto): MessageMetaDto {
  return definedOnly(Object.fromEntries(MESSAGE_META_FIELDS.map((f) => [f, meta[f]])) as unknown as MessageMetaDto);
}

function definedOnly<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
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
export function deadLetterStatusOf(
  topic: string,
  payload: unknown,
  reasonCode: string,
  reason: string,
  service: string,
  at: Date,
): DeadLetterStatus | undefined {
  if (!(TopicSpecs as Record<string, { failedStatusOnDeadLetter?: boolean }>)[topic]?.failedStatusOnDeadLetter)
    return undefined;
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
