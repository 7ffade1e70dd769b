import { Inject, Injectable } from '@nestjs/common';
import { HeraldError, type DomainTopicName } from '@herald/contracts';
import type { BatchContext, ConsumedMessage } from '@herald/kafka';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { ProcessedEventsRepository } from '../adapters/processed-events.repository';
import { validateEventData } from '../domain/event-data.validation';
import {
  decideDedupe,
  dedupeKey,
  shouldEmit,
  splitInBatchDuplicates,
  type DedupeCandidate,
} from '../domain/dedupe.policy';
import type { PlannedNotification, SourceEventRef } from '../domain/planned-notification';
import { IngestMetrics } from '../application/ingest.metrics';
import { NotificationEmitter } from '../application/notification-emitter';
import { NotificationPlanner } from '../application/notification-planner.service';

export type Msg = ConsumedMessage<object>;
type Accepted = DedupeCandidate & { message: Msg; event: SourceEventRef; notifications: PlannedNotification[] };

/**
 * Domain events from Kafka (already decoded and checked against their topic's contract by the engine):
 * map by rules, dedupe the batch in one statement, emit what is new. Offsets are committed by the
 * engine only after these outputs are acked.
 */
@Injectable()
export class DomainEventsHandler {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly emitter: NotificationEmitter,
    private readonly processed: ProcessedEventsRepository,
    private readonly metrics: IngestMetrics,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {}

  async handle(batch: Msg[], ctx: BatchContext): Promise<void> {
    const accepted: Accepted[] = [];
    for (const m of batch) {
      const event: SourceEventRef = {
        id: m.attributes.id,
        source: m.attributes.source,
        type: m.attributes.type,
        time: m.attributes.time,
      };
      this.metrics.eventsConsumed.inc({ type: this.metrics.typeLabel(event.type), via: 'kafka' });
      const result = this.planOne(m, event);
      if (result instanceof HeraldError) {
        this.metrics.eventsRejected.inc({ type: this.metrics.typeLabel(event.type), via: 'kafka', code: result.code });
        ctx.fail(m, result);
      } else if (result !== undefined && result.length > 0) {
        const position = { topic: m.topic, partition: m.partition, offset: m.offset };
        accepted.push({
          source: event.source,
          eventId: event.id,
          eventType: event.type,
          position,
          message: m,
          event,
          notifications: result,
        });
      }
    }
    const { unique, duplicates } = splitInBatchDuplicates(accepted);
    const rows = new Map((await this.processed.claim(unique)).map((r) => [dedupeKey(r.source, r.eventId), r]));
    for (const a of unique) {
      const decision = decideDedupe(a, rows.get(dedupeKey(a.source, a.eventId)));
      if (!shouldEmit(decision)) {
        duplicates.push(a);
        continue;
      }
      this.emitter.emit(a.event, a.notifications, a.message, ctx);
      this.emitter.countEmitted(a.notifications);
    }
    for (const d of duplicates) {
      this.metrics.duplicates.inc({ type: this.metrics.typeLabel(d.eventType), via: 'kafka' });
      this.logger.debug(
        { eventId: d.eventId, source: d.source, topic: d.position.topic, offset: d.position.offset },
        'duplicate event skipped',
      );
    }
  }

  /** The notifications to send, undefined when no rule knows the type, or why the record is unusable. */
  private planOne(m: Msg, event: SourceEventRef): PlannedNotification[] | HeraldError | undefined {
    let data: object = m.payload;
    if (event.type !== m.topic && this.planner.hasRule(event.type)) {
      // The engine checked the payload against the topic's contract; the rule is for another type.
      const checked = validateEventData(event.type as DomainTopicName, data);
      if (!checked.ok) {
        const detail = checked.errors
          .slice(0, 5)
          .map((e) => `${e.field} ${e.reason}`)
          .join('; ');
        return new HeraldError('CONTRACT_VIOLATION', `${event.type}: ${detail}`);
      }
      data = checked.value;
    }
    const plan = this.planner.planEvent(event, data);
    if (plan.kind === 'unknown-type') {
      this.metrics.eventsSkipped.inc({ type: this.metrics.typeLabel(event.type), via: 'kafka' });
      return undefined;
    }
    if (!plan.ok) return new HeraldError(plan.failure.code, `${plan.failure.field} ${plan.failure.reason}`);
    return plan.notifications;
  }
}
