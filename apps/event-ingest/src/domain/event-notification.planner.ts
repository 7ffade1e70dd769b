import { MAX_TTL_SECONDS } from '@herald/contracts';
import { getPath, omitPaths, pickPaths } from './dotted-path';
import { isKnownTimezone, isLocale, regionOfLocale } from './locale';
import type { NotificationRule } from './notification-rules';
import {
  assembleNotification,
  type NotificationPlan,
  type PlanDeps,
  type PlannedNotification,
  type SourceEventRef,
} from './planned-notification';
import { resolveRecipient } from './recipient.resolver';

type Json = Record<string, unknown>;

/**
 * An event's data and its rules -> the notifications to emit. One unusable recipient fails the
 * whole event: half of an event's notifications would be harder to explain than none.
 */
export function planEventNotifications(
  event: SourceEventRef,
  data: Json,
  rules: readonly NotificationRule[],
  deps: PlanDeps,
): NotificationPlan {
  const notifications: PlannedNotification[] = [];
  for (const rule of rules) {
    const paths = rule.recipient;
    const locale = stringAt(data, paths.locale);
    const resolved = resolveRecipient(getPath(data, paths.phone), paths.phone, [
      stringAt(data, paths.country),
      regionOfLocale(isLocale(locale) ? locale : undefined),
      deps.defaults.region,
    ]);
    if (!resolved.ok) return resolved;
    const timezone = stringAt(data, paths.timezone);
    const { picked, found } = pickPaths(data, rule.secretPaths);
    notifications.push(
      assembleNotification(
        event,
        {
          templateKey: rule.templateKey,
          category: rule.category,
          recipient: resolved.recipient,
          locale: isLocale(locale) ? locale : deps.defaults.locale,
          timezone: isKnownTimezone(timezone) ? timezone : undefined,
          brand: brandOf(data, rule, deps.defaults.brand),
          ttlSeconds: ttlOf(data, rule),
          variables: omitPaths(data, [paths.phone, ...rule.secretPaths]),
          secrets: picked,
          secretVariables: found,
        },
        deps,
      ),
    );
  }
  return { ok: true, notifications };
}

function ttlOf(data: Json, rule: NotificationRule): number {
  const fromData = rule.ttlSecondsPath === undefined ? undefined : getPath(data, rule.ttlSecondsPath);
  return Number.isInteger(fromData) && (fromData as number) >= 1 && (fromData as number) <= MAX_TTL_SECONDS
    ? (fromData as number)
    : rule.ttlSeconds;
}

function brandOf(data: Json, rule: NotificationRule, fallback: string): string {
  const fromData = stringAt(data, rule.brandPath);
  // Any brand the event names is kept as named, so an unknown one fails as UNKNOWN_BRAND instead of silently becoming the default.
  if (fromData !== undefined && fromData.length > 0) return fromData;
  return rule.brand ?? fallback;
}

function stringAt(data: Json, path: string | undefined): string | undefined {
  const value = path === undefined ? undefined : getPath(data, path);
  return typeof value === 'string' ? value : undefined;
}
