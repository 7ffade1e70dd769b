import { parseTraceparent } from '@herald/contracts';
import { SpanKind, type SpanData } from '@herald/observability';
import type { OutboundRecord } from './outbound-record';

/** A publish span waiting for the broker's ack, which is its end. */
export type PendingSpan = Omit<SpanData, 'endTimeMs'>;

export interface PublishSpanInput {
  record: OutboundRecord;
  /** Trace id and span id minted into the record's own traceparent. */
  traceId: string;
  spanId: string;
  /** traceparent of the consumed record the output derives from, if any. */
  parentTraceparent: string | undefined;
  payload: unknown;
  service: string;
  startTimeMs: number;
}

/**
 * The PRODUCER span of one output record, child of the consumed record's span. Only ids, the topic,
 * the group and the message id go into it: never a number, a body, an OTP or a secret.
 */
export function publishSpan(input: PublishSpanInput): PendingSpan {
  const { record, service } = input;
  const attributes: PendingSpan['attributes'] = {
    'messaging.system': 'kafka',
    'messaging.destination.name': record.topic,
    'messaging.kafka.consumer.group': service,
  };
  const messageId = messageIdOf(input.payload);
  if (messageId !== undefined) attributes['herald.message_id'] = messageId;
  return {
    traceId: input.traceId,
    spanId: input.spanId,
    parentSpanId: parseTraceparent(input.parentTraceparent)?.spanId,
    name: `${record.topic} publish`,
    kind: SpanKind.Producer,
    startTimeMs: input.startTimeMs,
    attributes,
  };
}

function messageIdOf(payload: unknown): string | undefined {
  const id = (payload as { messageId?: unknown } | null)?.messageId;
  return typeof id === 'string' ? id : undefined;
}
