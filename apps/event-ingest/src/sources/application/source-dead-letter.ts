import { dlqTopicOf } from '@herald/contracts';
import { DlqHeader } from '@herald/kafka';
import type { SourceEventRef } from '../../domain/planned-notification';

export interface DeadLetterRecord {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string>;
}

/**
 * The mapped event as a structured CloudEvent in `<event type>.dlq`, with the usual DLQ headers: a
 * replay (`herald dlq replay`) sends it to the event's domain topic, where the Kafka path takes it
 * once fixed. No partition or offset: it came over HTTP. The Publisher encrypts the value.
 */
export function sourceDeadLetter(
  event: SourceEventRef & { subject?: string },
  data: object,
  code: string,
  reason: string,
  service: string,
  now: Date,
): DeadLetterRecord {
  const cloudEvent = { specversion: '1.0', ...event, datacontenttype: 'application/json', data };
  return {
    topic: dlqTopicOf(event.type),
    key: event.subject === undefined ? null : Buffer.from(event.subject, 'utf8'),
    value: Buffer.from(JSON.stringify(cloudEvent), 'utf8'),
    headers: {
      'content-type': 'application/cloudevents+json',
      [DlqHeader.code]: code,
      [DlqHeader.message]: reason.slice(0, 1000),
      [DlqHeader.topic]: event.type,
      [DlqHeader.partition]: '-1',
      [DlqHeader.offset]: '-1',
      [DlqHeader.failedAt]: now.toISOString(),
      [DlqHeader.service]: service,
      [DlqHeader.attempts]: '1',
    },
  };
}
