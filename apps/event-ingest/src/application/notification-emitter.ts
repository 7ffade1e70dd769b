import { Inject, Injectable } from '@nestjs/common';
import { HERALD_NAMESPACE, Topics, uuidv5, type EnvelopeAttributes } from '@herald/contracts';
import { ORIGIN_TIME_HEADER, type OutputSink, type PublishOptions } from '@herald/kafka';
import { PiiCipher } from '@herald/pii';
import { CLOCK, SERVICE_CONFIG, SERVICE_NAME, type Clock } from '@herald/service-kit';
import { judgeEventAge, type MaxEventAge } from '../domain/event-age.policy';
import type { PlannedNotification, SourceEventRef } from '../domain/planned-notification';
import { buildSmsRequested, type BuildDeps } from '../domain/sms-request.builder';
import { buildTooOldStatus } from '../domain/too-old-status.builder';
import { maxEventAgeOf, type EventIngestConfig } from '../event-ingest.config';
import { IngestMetrics } from './ingest.metrics';

export type Parent = NonNullable<PublishOptions['parent']>;

/** sms.requested.v1 keyed by recipient token (or a final `expired` status for a stale event). */
@Injectable()
export class NotificationEmitter {
  private readonly maxAge: MaxEventAge;

  constructor(
    private readonly cipher: PiiCipher,
    private readonly metrics: IngestMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(SERVICE_CONFIG) config: EventIngestConfig,
  ) {
    this.maxAge = maxEventAgeOf(config);
  }

  emit(event: SourceEventRef, notifications: readonly PlannedNotification[], parent: Parent, sink: OutputSink): void {
    const deps: BuildDeps = {
      encrypt: (plain) => this.cipher.encrypt(plain),
      now: this.clock.now(),
      service: this.service,
    };
    for (const n of notifications) {
      const age = judgeEventAge(event.time, n.category, n.ttlSeconds, deps.now, this.maxAge);
      if (!age.fresh) {
        // Stale at ingest: a final `expired` status instead of a request, so nothing downstream sends it.
        sink.publish(Topics.SmsStatusV1, buildTooOldStatus(event, n, age.reason, deps), {
          key: n.messageId,
          parent,
          id: uuidv5(`${n.messageId}:expired`, HERALD_NAMESPACE),
        });
        this.metrics.notificationsTooOld.inc({ category: n.category });
        continue;
      }
      // No `accepted` status record (issue 18): the request's requestedAt travels down the pipeline
      // and every later status carries it as meta.acceptedAt.
      sink.publish(Topics.SmsRequestedV1, buildSmsRequested(event, n, deps, age.expiresAt), {
        key: n.recipient.token,
        parent,
        id: n.messageId,
      });
    }
  }

  countEmitted(notifications: readonly PlannedNotification[]): void {
    for (const n of notifications)
      this.metrics.notificationsEmitted.inc({ template: n.templateKey, category: n.category });
  }
}

/** The HTTP request as the parent of its outputs: its trace continues, and it entered Herald now. */
export function parentOf(event: SourceEventRef, traceparent: string | undefined, enteredAt: Date): Parent {
  const attributes: EnvelopeAttributes = { ...event, specversion: '1.0' };
  if (traceparent !== undefined) attributes.traceparent = traceparent;
  return { attributes, headers: { [ORIGIN_TIME_HEADER]: enteredAt.toISOString() } };
}
