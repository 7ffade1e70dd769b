import { Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import type { DomainTopicName } from '@herald/contracts';
import { validateEventData } from '../domain/event-data.validation';
import { parseHttpCloudEvent } from '../domain/http-cloud-event.parser';
import { HttpIngestService } from '../application/http-ingest.service';
import { IngestMetrics } from '../application/ingest.metrics';
import { parentOf } from '../application/notification-emitter';
import { NotificationPlanner } from '../application/notification-planner.service';
import { ApiError, BearerKeyGuard, CLOCK, RequireScope, badRequest, type Clock } from '@herald/service-kit';
import type { AuthedRequest } from './api-key.guard';
import { bodyOf, headersOf, idempotencyOf } from './request-parts';

export const EVENTS_ROUTE = '/v1/events';

/** CloudEvents over HTTP, binary or structured mode; the same mapping and dedupe as the Kafka path. */
@Controller(EVENTS_ROUTE)
@UseGuards(BearerKeyGuard)
export class EventsController {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly ingest: HttpIngestService,
    private readonly metrics: IngestMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  @RequireScope('events:write')
  async post(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<unknown> {
    const idempotency = idempotencyOf(req, EVENTS_ROUTE);
    const parsed = parseHttpCloudEvent(headersOf(req), bodyOf(req), this.clock.now());
    if (!parsed.ok) throw new ApiError(parsed.status, parsed.error, parsed.message, parsed.fields);
    const { event, data, traceparent } = parsed.value;
    const type = this.metrics.typeLabel(event.type);
    this.metrics.eventsConsumed.inc({ type, via: 'http' });
    if (!this.planner.hasRule(event.type)) {
      this.metrics.eventsSkipped.inc({ type, via: 'http' });
      throw new ApiError(422, 'UNKNOWN_EVENT_TYPE', `no notification rule for event type ${event.type}`, [
        { field: 'type', reason: 'has no notification rule' },
      ]);
    }
    const checked = validateEventData(event.type as DomainTopicName, data);
    if (!checked.ok) {
      const fields = checked.errors.map((e) => ({
        field: e.field === '$' ? 'data' : `data.${e.field}`,
        reason: e.reason,
      }));
      throw this.rejected(
        type,
        badRequest('CONTRACT_VIOLATION', `data does not match the ${event.type} contract`, fields),
      );
    }
    const plan = this.planner.planEvent(event, checked.value);
    if (plan.kind !== 'plan') throw new Error(`rule for ${event.type} disappeared`);
    if (!plan.ok) {
      const { code, field, reason } = plan.failure;
      // An unknown brand in the data is understood but refused (422), like a foreign one below.
      const status = code === 'UNKNOWN_BRAND' ? 422 : 400;
      throw this.rejected(
        type,
        new ApiError(status, code, `data.${field} ${reason}`, [{ field: `data.${field}`, reason }]),
      );
    }
    const foreign = this.planner.checkKey(plan.notifications, req.apiKey.brands, () =>
      this.planner.brandFieldOf(event.type),
    );
    if (foreign !== undefined) {
      throw this.rejected(
        type,
        new ApiError(422, foreign.code, `${foreign.field} ${foreign.reason}`, [
          { field: foreign.field, reason: foreign.reason },
        ]),
      );
    }
    const messageIds = plan.notifications.map((n) => n.messageId);
    const answer = await this.ingest.accept({
      apiKey: req.apiKey,
      idempotency,
      event,
      notifications: plan.notifications,
      parent: parentOf(event, traceparent, this.clock.now()),
      answer: (duplicate) => ({ id: event.id, source: event.source, type: event.type, messageIds, duplicate }),
    });
    res.status(answer.status);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
  }

  private rejected(type: string, error: ApiError): ApiError {
    this.metrics.eventsRejected.inc({ type, via: 'http', code: error.body.error });
    return error;
  }
}
