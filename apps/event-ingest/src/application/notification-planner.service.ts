import { Inject, Injectable } from '@nestjs/common';
import { HeraldError, recipientTokenFor, type BrandRegistry } from '@herald/contracts';
import { BRANDS, SERVICE_CONFIG } from '@herald/service-kit';
import { checkKeyBrand, checkKnownBrand, type BrandFailure } from '../domain/brand-access';
import { planDirectNotification, type DirectNotificationRequest } from '../domain/direct-notification.planner';
import { planEventNotifications } from '../domain/event-notification.planner';
import { rulesFor, type NotificationRules } from '../domain/notification-rules';
import type { NotificationPlan, PlanDeps, PlannedNotification, SourceEventRef } from '../domain/planned-notification';
import type { EventIngestConfig } from '../event-ingest.config';
import { NOTIFICATION_RULES } from './tokens';

/** A plan, or why the event cannot be sent: an unusable recipient, or a brand that is not configured. */
export type CheckedPlan = NotificationPlan | { ok: false; failure: BrandFailure };
export type EventPlanResult = { kind: 'unknown-type' } | ({ kind: 'plan' } & CheckedPlan);

/** The domain planners with this service's rules, defaults, brands and token key filled in. */
@Injectable()
export class NotificationPlanner {
  private readonly deps: PlanDeps;

  constructor(
    @Inject(NOTIFICATION_RULES) private readonly rules: NotificationRules,
    @Inject(SERVICE_CONFIG) config: EventIngestConfig,
    @Inject(BRANDS) private readonly brands: BrandRegistry,
  ) {
    const key = config.RECIPIENT_TOKEN_KEY;
    this.deps = {
      tokenFor: (e164) => recipientTokenFor(key, e164),
      defaults: {
        locale: config.INGEST_DEFAULT_LOCALE,
        brand: config.INGEST_DEFAULT_BRAND,
        region: config.INGEST_DEFAULT_REGION,
      },
    };
    checkConfiguredBrands(rules, config.INGEST_DEFAULT_BRAND, brands);
  }

  hasRule(eventType: string): boolean {
    return rulesFor(this.rules, eventType) !== undefined;
  }

  /** A brand the event names that the brands file does not know fails the event (UNKNOWN_BRAND: DLQ or 422). */
  planEvent(event: SourceEventRef, data: object): EventPlanResult {
    const rules = rulesFor(this.rules, event.type);
    if (rules === undefined) return { kind: 'unknown-type' };
    const plan = planEventNotifications(event, data as Record<string, unknown>, rules, this.deps);
    if (!plan.ok) return { kind: 'plan', ...plan };
    for (const [i, n] of plan.notifications.entries()) {
      const failure = checkKnownBrand(n.brand, rules[i].brandPath ?? 'brand', this.brands);
      if (failure) return { kind: 'plan', ok: false, failure };
    }
    return { kind: 'plan', ...plan };
  }

  planDirect(event: SourceEventRef, request: DirectNotificationRequest): CheckedPlan {
    const plan = planDirectNotification(event, request, this.deps);
    const failure = plan.ok
      ? plan.notifications.map((n) => checkKnownBrand(n.brand, 'brand', this.brands)).find(Boolean)
      : undefined;
    return failure ? { ok: false, failure } : plan;
  }

  /** The first notification whose brand the API key may not send for (field: `brand`, or the event's brand path). */
  checkKey(
    notifications: readonly PlannedNotification[],
    keyBrands: readonly string[],
    field: (n: PlannedNotification) => string,
  ): BrandFailure | undefined {
    return notifications.map((n) => checkKeyBrand(n.brand, field(n), keyBrands, this.brands)).find(Boolean);
  }

  /** The rule's brand path for an event type, as the caller of /v1/events knows the field. */
  brandFieldOf(eventType: string): string {
    const path = rulesFor(this.rules, eventType)?.find((r) => r.brandPath !== undefined)?.brandPath;
    return path === undefined ? 'brand' : `data.${path}`;
  }
}

/** Start-up check: a rule or the default naming an unconfigured brand would fail every event it maps. */
function checkConfiguredBrands(rules: NotificationRules, defaultBrand: string, brands: BrandRegistry): void {
  if (!brands.has(defaultBrand))
    throw new HeraldError(
      'CONFIG_INVALID',
      `INGEST_DEFAULT_BRAND ${defaultBrand} is not a brand of HERALD_BRANDS_FILE`,
    );
  for (const [type, list] of rules.events) {
    for (const [i, rule] of list.entries()) {
      if (rule.brand !== undefined && !brands.has(rule.brand)) {
        throw new HeraldError(
          'CONFIG_INVALID',
          `notification rules: events.${type}[${i}].brand ${rule.brand} is not a brand of HERALD_BRANDS_FILE`,
        );
      }
    }
  }
}
