import { Topics, type SmsRenderedV1 } from '@herald/contracts';
import type { OutputSink, PublishOptions } from '@herald/kafka';
import { approvedPayload, statusPayload } from '../domain/compliance-outputs';
import type { Decision } from '../domain/decision';

/** Approved messages go to dispatch keyed by recipient; every other outcome is a status keyed by message id. */
export function emitDecision(
  sink: OutputSink,
  m: SmsRenderedV1,
  d: Decision,
  now: Date,
  service: string,
  parent: PublishOptions['parent'],
): void {
  if (d.outcome === 'approved') {
    sink.publish(Topics.SmsApprovedV1, approvedPayload(m, d, now), {
      key: m.recipient.token,
      parent,
      subject: m.messageId,
    });
  } else {
    sink.publish(Topics.SmsStatusV1, statusPayload(m, d, now, service), {
      key: m.messageId,
      parent,
      subject: m.messageId,
    });
  }
}
