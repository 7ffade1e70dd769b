import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { validateAs, type ApiErrorCode } from '@herald/contracts';
import type { BrandFailure } from '../domain/brand-access';
import { isKnownTimezone } from '../domain/locale';
import { SYSTEM_TEMPLATE_PREFIX } from '../domain/notification-rules.parser';
import type { SourceEventRef } from '../domain/planned-notification';
import { HttpIngestService } from '../application/http-ingest.service';
import { IngestMetrics } from '../application/ingest.metrics';
import { parentOf } from '../application/notification-emitter';
import { NotificationPlanner } from '../application/notification-planner.service';
import { TemplateKeys } from '../application/template-keys.service';
import {
  ApiError,
  BearerKeyGuard,
  CLOCK,
  RequireScope,
  badRequest,
  type Clock,
  type FieldProblem,
} from '@herald/service-kit';
import type { AuthedRequest } from './api-key.guard';
import { MAX_SECRET_BYTES, SendNotificationDto } from './dto/send-notification.dto';
import { idempotencyOf, parseJsonBody, traceparentOf } from './request-parts';

export const NOTIFICATIONS_ROUTE = '/v1/notifications';
export const DIRECT_EVENT_TYPE = 'notification.requested';

/** A caller naming the template and variables itself; no mapping rule involved. */
@Controller(NOTIFICATIONS_ROUTE)
@UseGuards(BearerKeyGuard)
export class NotificationsController {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly ingest: HttpIngestService,
    private readonly metrics: IngestMetrics,
    private readonly templateKeys: TemplateKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  @RequireScope('notifications:write')
  async post(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<unknown> {
    const idempotency = idempotencyOf(req, NOTIFICATIONS_ROUTE);
    const dto = this.validate(parseJsonBody(req));
    this.refuseSystemTemplate(dto);
    await this.refuseUnknownTemplate(dto);
    this.metrics.eventsConsumed.inc({ type: DIRECT_EVENT_TYPE, via: 'http' });
    const event: SourceEventRef = {
      id: dto.transactionId ?? randomUUID(),
      source: `herald/api/${req.apiKey.name}`,
      type: DIRECT_EVENT_TYPE,
      time: this.clock.now().toISOString(),
    };
    const plan = this.planner.planDirect(event, dto);
    if (!plan.ok) throw this.rejected(plan.failure);
    const foreign = this.planner.checkKey(plan.notifications, req.apiKey.brands, () => 'brand');
    if (foreign !== undefined) throw this.rejected(foreign);
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

  /** A brand the brands file or the API key does not allow is understood but refused: 422; a bad number: 400. */
  private rejected(failure: { code: ApiErrorCode; field: string; reason: string }): ApiError {
    const { code, field, reason } = failure;
    this.metrics.eventsRejected.inc({ type: DIRECT_EVENT_TYPE, via: 'http', code });
    const status = isBrandFailure(failure) ? 422 : 400;
    return new ApiError(status, code, `${field} ${reason}`, [{ field, reason }]);
  }

  /** STOP/START/HELP replies are Herald's own; a caller naming one could word a "reply" to an opted-out number. */
  private refuseSystemTemplate(dto: SendNotificationDto): void {
    if (!dto.templateKey.startsWith(SYSTEM_TEMPLATE_PREFIX)) return;
    this.metrics.eventsRejected.inc({ type: DIRECT_EVENT_TYPE, via: 'http', code: 'TEMPLATE_NOT_ALLOWED' });
    throw new ApiError(422, 'TEMPLATE_NOT_ALLOWED', `${dto.templateKey} is a system template`, [
      {
        field: 'templateKey',
        reason: 'system.* templates are sent only by Herald itself (STOP, START and HELP replies)',
      },
    ]);
  }

  /** Refused at the door like an unknown event type, instead of a 202 followed by a failed message in a DLQ. */
  private async refuseUnknownTemplate(dto: SendNotificationDto): Promise<void> {
    if ((await this.templateKeys.check(dto.templateKey)) !== 'unknown') return;
    this.metrics.eventsRejected.inc({ type: DIRECT_EVENT_TYPE, via: 'http', code: 'UNKNOWN_TEMPLATE' });
    throw new ApiError(422, 'UNKNOWN_TEMPLATE', `no active template ${dto.templateKey}`, [
      { field: 'templateKey', reason: 'has no active template in any locale (templating: GET /v1/templates)' },
    ]);
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
    if (!result.ok || fields.length > 0)
      throw badRequest('VALIDATION_FAILED', 'the notification request is invalid', fields);
    return result.value;
  }
}

function isBrandFailure(failure: { code: string }): failure is BrandFailure {
  return failure.code === 'UNKNOWN_BRAND' || failure.code === 'BRAND_NOT_ALLOWED';
}
