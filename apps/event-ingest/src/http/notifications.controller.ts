import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { validateAs } from '@herald/contracts';
import { isKnownTimezone } from '../domain/locale';
import type { SourceEventRef } from '../domain/planned-notification';
import { HttpIngestService } from '../ingest/http-ingest.service';
import { IngestMetrics } from '../ingest/ingest.metrics';
import { parentOf } from '../ingest/notification-emitter';
import { NotificationPlanner } from '../ingest/notification-planner.service';
import { CLOCK, type Clock } from '../ingest/tokens';
import { ApiKeyGuard, RequireScope, type AuthedRequest } from './api-key.guard';
import { MAX_SECRET_BYTES, SendNotificationDto } from './dto/send-notification.dto';
import { badRequest, type FieldProblem } from './http-error';
import { idempotencyOf, parseJsonBody, traceparentOf } from './request-parts';

export const NOTIFICATIONS_ROUTE = '/v1/notifications';
export const DIRECT_EVENT_TYPE = 'notification.requested';

/** A caller naming the template and variables itself; no mapping rule involved. */
@Controller(NOTIFICATIONS_ROUTE)
@UseGuards(ApiKeyGuard)
export class NotificationsController {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly ingest: HttpIngestService,
    private readonly metrics: IngestMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  @RequireScope('notifications:write')
  async post(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<unknown> {
    const idempotency = idempotencyOf(req, NOTIFICATIONS_ROUTE);
    const dto = this.validate(parseJsonBody(req));
    this.metrics.eventsConsumed.inc({ type: DIRECT_EVENT_TYPE, via: 'http' });
    const event: SourceEventRef = {
      id: dto.transactionId ?? randomUUID(),
      source: `herald/api/${req.apiKey.name}`,
      type: DIRECT_EVENT_TYPE,
      time: this.clock.now().toISOString(),
    };
    const plan = this.planner.planDirect(event, dto);
    if (!plan.ok) {
      const { code, field, reason } = plan.failure;
      this.metrics.eventsRejected.inc({ type: DIRECT_EVENT_TYPE, via: 'http', code });
      throw badRequest(code, `${field} ${reason}`, [{ field, reason }]);
    }
    const messageIds = plan.notifications.map((n) => n.messageId);
    const answer = await this.ingest.accept({
      apiKey: req.apiKey,
      idempotency,
      event,
      notifications: plan.notifications,
      parent: parentOf(event, traceparentOf(req), this.clock.now()),
      answer: (duplicate) => ({ transactionId: event.id, messageIds, duplicate }),
    });
    res.status(answer.status);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
  }

  private validate(json: unknown): SendNotificationDto {
    const result = validateAs(SendNotificationDto, json);
    const fields: FieldProblem[] = result.ok ? [] : result.errors.map((e) => ({ field: e.field, reason: e.reason }));
    if (result.ok) {
      if (result.value.timezone !== undefined && !isKnownTimezone(result.value.timezone)) {
        fields.push({ field: 'timezone', reason: 'must be an IANA time zone like Europe/Paris' });
      }
      const secrets = result.value.secretVariables;
      if (secrets !== undefined && Buffer.byteLength(JSON.stringify(secrets)) > MAX_SECRET_BYTES) {
        fields.push({ field: 'secretVariables', reason: `must be at most ${MAX_SECRET_BYTES} bytes as JSON` });
      }
    }
    if (!result.ok || fields.length > 0) throw badRequest('VALIDATION_FAILED', 'the notification request is invalid', fields);
    return result.value;
  }
}
