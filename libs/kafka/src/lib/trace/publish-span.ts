import { SpanKind, startSpan, traceparentOf, type Span, type SpanAttributes } from '@herald/observability';
import type { DlqRecord } from '../publish/dlq-record';
import type { OutboundRecord, PublishOptions } from '../publish/outbound-record';
import { contextForOutput } from './message-trace';

/** Publish spans waiting for the broker's ack, keyed by the record object they were built for. */
const pending = new WeakMap<object, Span>();

/**
 * The PRODUCER span of one output: child of the record it derives from (see contextForOutput). Starts when the handler began on the
 * batch (`now`), ends when the broker acks. Its context is the `traceparent` the record carries, so
 * the next service's process span is its child. Only ids and the topic go into it.
 */
export function startPublishSpan(
  topic: string,
  opts: PublishOptions,
  payload: unknown,
  service: string,
  now: Date,
): Span | undefined {
  const attributes: SpanAttributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'send',
    'messaging.destination.name': topic,
    'herald.service': service,
  };
  const messageId = (payload as { messageId?: unknown } | null)?.messageId;
  if (typeof messageId === 'string') attributes['herald.message_id'] = messageId;
  return startSpan(`${topic} publish`, {
    parent: contextForOutput(opts.parent),
    kind: SpanKind.PRODUCER,
    attributes,
    startTime: now.getTime(),
  });
}

/** The record's `traceparent` from its span; the span then waits in `pending` for the ack. */
export function attachPublishSpan(
  span: Span,
  build: (traceparent: string | undefined) => OutboundRecord,
): OutboundRecord {
  const record = build(traceparentOf(span));
  const id = record.headers['ce_id'];
  if (id !== undefined) span.setAttribute('messaging.message.id', id);
  pending.set(record, span);
  return record;
}

/** Ends the spans of acked records; DLQ copies and records built elsewhere have none. */
export function endPublishSpans(records: ReadonlyArray<OutboundRecord | DlqRecord>): void {
  for (const record of records) {
    const span = pending.get(record);
    if (span === undefined) continue;
    pending.delete(record);
    span.end();
  }
}
