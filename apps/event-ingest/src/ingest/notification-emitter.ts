import { Inject, Injectable } from '@nestjs/common';
import { HERALD_NAMESPACE, Topics, uuidv5, type EnvelopeAttributes, type PayloadOf, type TopicName } from '@herald/contracts';
import { ORIGIN_TIME_HEADER, type PublishOptions } from '@herald/kafka';
import { PiiCipher } from '@herald/pii';
import type { PlannedNotification, SourceEventRef } from '../domain/planned-notification';
import { buildAcceptedStatus, buildSmsRequested, type BuildDeps } from '../domain/sms-request.builder';
import { IngestMetrics } from './ingest.metrics';
import { CLOCK, SERVICE_NAME, type Clock } from './tokens';

/** BatchContext in a handler; a collector around Publisher.build on the HTTP path. */
export interface OutputSink {
  publish<T extends TopicName>(topic: T, payload: PayloadOf<T>, opts: PublishOptions): void;
}

export type Parent = NonNullable<PublishOptions['parent']>;

/** sms.requested.v1 keyed by recipient token, plus its `accepted` status keyed by message id. */
@Injectable()
export class NotificationEmitter {
  constructor(
    private readonly cipher: PiiCipher,
    private readonly metrics: IngestMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  emit(event: SourceEventRef, notifications: readonly PlannedNotification[], parent: Parent, sink: OutputSink): void {
    const deps: BuildDeps = { encrypt: (plain) => this.cipher.encrypt(plain), now: this.clock.now(), service: this.service };
    for (const n of notifications) {
      sink.publish(Topics.SmsRequestedV1, buildSmsRequested(event, n, deps), { key: n.recipient.token, parent, id: n.messageId });
      sink.publish(Topics.SmsStatusV1, buildAcceptedStatus(event, n, deps), {
        key: n.messageId,
        parent,
        id: uuidv5(`${n.messageId}:accepted`, HERALD_NAMESPACE),
      });
    }
  }

  countEmitted(notifications: readonly PlannedNotification[]): void {
    for (const n of notifications) this.metrics.notificationsEmitted.inc({ template: n.templateKey, category: n.category });
  }
}

/** The HTTP request as the parent of its outputs: its trace continues, and it entered Herald now. */
export function parentOf(event: SourceEventRef, traceparent: string | undefined, enteredAt: Date): Parent {
  const attributes: EnvelopeAttributes = { ...event, specversion: '1.0' };
  if (traceparent !== undefined) attributes.traceparent = traceparent;
  return { attributes, headers: { [ORIGIN_TIME_HEADER]: enteredAt.toISOString() } };
}
