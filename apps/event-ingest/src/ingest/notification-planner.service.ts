import { Inject, Injectable } from '@nestjs/common';
import { recipientTokenFor } from '@herald/contracts';
import { SERVICE_CONFIG } from '@herald/service-kit';
import { planDirectNotification, type DirectNotificationRequest } from '../domain/direct-notification.planner';
import { planEventNotifications } from '../domain/event-notification.planner';
import { rulesFor, type NotificationRules } from '../domain/notification-rules';
import type { NotificationPlan, PlanDeps, SourceEventRef } from '../domain/planned-notification';
import type { EventIngestConfig } from '../event-ingest.config';
import { NOTIFICATION_RULES } from './tokens';

export type EventPlanResult = { kind: 'unknown-type' } | ({ kind: 'plan' } & NotificationPlan);

/** The domain planners with this service's rules, defaults and token key filled in. */
@Injectable()
export class NotificationPlanner {
  private readonly deps: PlanDeps;

  constructor(
    @Inject(NOTIFICATION_RULES) private readonly rules: NotificationRules,
    @Inject(SERVICE_CONFIG) config: EventIngestConfig,
  ) {
    const key = config.RECIPIENT_TOKEN_KEY;
    this.deps = {
      tokenFor: (e164) => recipientTokenFor(key, e164),
      defaults: { locale: config.INGEST_DEFAULT_LOCALE, brand: config.INGEST_DEFAULT_BRAND, region: config.INGEST_DEFAULT_REGION },
    };
  }

  hasRule(eventType: string): boolean {
    return rulesFor(this.rules, eventType) !== undefined;
  }

  planEvent(event: SourceEventRef, data: object): EventPlanResult {
    const rules = rulesFor(this.rules, event.type);
    if (rules === undefined) return { kind: 'unknown-type' };
    return { kind: 'plan', ...planEventNotifications(event, data as Record<string, unknown>, rules, this.deps) };
  }

  planDirect(event: SourceEventRef, request: DirectNotificationRequest): NotificationPlan {
    return planDirectNotification(event, request, this.deps);
  }
}
