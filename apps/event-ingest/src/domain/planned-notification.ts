import { eventMessageIdFor, type MessageCategory, type Priority } from '@herald/contracts';
import type { RecipientFailure, ResolvedRecipient } from './recipient.resolver';

/** The CloudEvent a notification comes from: its `source` + `id` is the dedupe key. */
export interface SourceEventRef {
  id: string;
  source: string;
  type: string;
  time: string;
}

/** Everything needed to emit sms.requested.v1 except the clock and the ciphers. */
export interface PlannedNotification {
  messageId: string;
  templateKey: string;
  category: MessageCategory;
  recipient: ResolvedRecipient & { token: string };
  locale: string;
  timezone?: string;
  variables: Record<string, unknown>;
  /** Secret values in their original nested shape; only ever published encrypted. */
  secrets?: Record<string, unknown>;
  secretVariables?: string[];
  brand: string;
  ttlSeconds: number;
  priority: Priority;
}

export type NotificationPlan =
  { ok: true; notifications: PlannedNotification[] } | { ok: false; failure: RecipientFailure };

export interface PlanDefaults {
  locale: string;
  brand: string;
  region?: string;
}

export interface PlanDeps {
  /** HMAC token of an E.164 number (recipientTokenFor with the service key). */
  tokenFor: (e164: string) => string;
  defaults: PlanDefaults;
}

const HIGH_PRIORITY: ReadonlySet<MessageCategory> = new Set(['otp', 'security']);

export function priorityOf(category: MessageCategory): Priority {
  return HIGH_PRIORITY.has(category) ? 'high' : 'normal';
}

export interface NotificationParts {
  templateKey: string;
  category: MessageCategory;
  recipient: ResolvedRecipient;
  locale: string;
  timezone?: string;
  brand: string;
  ttlSeconds: number;
  variables: Record<string, unknown>;
  secrets: Record<string, unknown>;
  /** Dotted names of the leaves of `secrets`; empty when there are none. */
  secretVariables: string[];
}

export function assembleNotification(
  event: SourceEventRef,
  parts: NotificationParts,
  deps: PlanDeps,
): PlannedNotification {
  const token = deps.tokenFor(parts.recipient.e164);
  const planned: PlannedNotification = {
    // Source + id: event ids are unique per producer only (issue 19).
    messageId: eventMessageIdFor(event.source, event.id, parts.templateKey, token),
    templateKey: parts.templateKey,
    category: parts.category,
    recipient: { ...parts.recipient, token },
    locale: parts.locale,
    variables: parts.variables,
    brand: parts.brand,
    ttlSeconds: parts.ttlSeconds,
    priority: priorityOf(parts.category),
  };
  if (parts.timezone !== undefined) planned.timezone = parts.timezone;
  if (parts.secretVariables.length > 0) {
    planned.secrets = parts.secrets;
    planned.secretVariables = parts.secretVariables;
  }
  return planned;
}
