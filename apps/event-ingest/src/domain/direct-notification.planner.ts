import type { MessageCategory } from '@herald/contracts';
import { leafPaths, omitPaths } from './dotted-path';
import { regionOfLocale } from './locale';
import {
  assembleNotification,
  type NotificationPlan,
  type PlanDeps,
  type SourceEventRef,
} from './planned-notification';
import { resolveRecipient } from './recipient.resolver';

/** A caller naming the template and variables itself (like a Novu trigger), already schema-checked. */
export interface DirectNotificationRequest {
  templateKey: string;
  category: MessageCategory;
  to: string;
  locale?: string;
  timezone?: string;
  variables: Record<string, unknown>;
  secretVariables?: Record<string, unknown>;
  ttlSeconds?: number;
  brand?: string;
}

/** TTL when the caller gives none; the same figures the default event rules use. */
export const DEFAULT_TTL_SECONDS: Record<MessageCategory, number> = {
  otp: 600,
  security: 3600,
  transactional: 86400,
  promotional: 86400,
};

export function planDirectNotification(
  event: SourceEventRef,
  request: DirectNotificationRequest,
  deps: PlanDeps,
): NotificationPlan {
  const resolved = resolveRecipient(request.to, 'to', [regionOfLocale(request.locale), deps.defaults.region]);
  if (!resolved.ok) return resolved;
  const secrets = request.secretVariables ?? {};
  const secretVariables = leafPaths(secrets);
  const notification = assembleNotification(
    event,
    {
      templateKey: request.templateKey,
      category: request.category,
      recipient: resolved.recipient,
      locale: request.locale ?? deps.defaults.locale,
      timezone: request.timezone,
      brand: request.brand ?? deps.defaults.brand,
      ttlSeconds: request.ttlSeconds ?? DEFAULT_TTL_SECONDS[request.category],
      // A name given as secret never also travels in clear.
      variables: omitPaths(request.variables, secretVariables),
      secrets,
      secretVariables,
    },
    deps,
  );
  return { ok: true, notifications: [notification] };
}
