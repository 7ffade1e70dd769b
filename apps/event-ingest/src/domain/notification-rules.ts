import type { MessageCategory } from '@herald/contracts';

/** Where the recipient lives in an event's `data`, as dotted paths. */
export interface RecipientPaths {
  phone: string;
  locale?: string;
  timezone?: string;
  /** ISO 3166-1 alpha-2 region hint for numbers written without an international prefix. */
  country?: string;
}

/** One notification an event type produces. */
export interface NotificationRule {
  templateKey: string;
  category: MessageCategory;
  ttlSeconds: number;
  /** A number of seconds in the data that overrides `ttlSeconds` when present (OTP expiry). */
  ttlSecondsPath?: string;
  recipient: RecipientPaths;
  /** Values that travel only encrypted (`secretsEnc`), never in `variables`. */
  secretPaths: string[];
  brand?: string;
  /** A brand named by the event itself wins over `brand`. */
  brandPath?: string;
}

export interface NotificationRules {
  version: number;
  /** Event type -> notifications; an empty list is a known type that sends nothing. */
  events: ReadonlyMap<string, readonly NotificationRule[]>;
}

export function rulesFor(rules: NotificationRules, eventType: string): readonly NotificationRule[] | undefined {
  return rules.events.get(eventType);
}
