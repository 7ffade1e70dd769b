import type { MessageCategory } from '@herald/contracts';
import type { PumpingRules } from '../policies/pumping.policy';

/** "HH:MM" parsed to minutes after local midnight. */
export interface LocalWindow {
  startMinute: number;
  endMinute: number;
}

export interface QuietHoursRule {
  /** ISO2 codes, or ['*'] for every country; a country-specific rule beats a '*' rule. */
  countries: string[];
  categories: MessageCategory[];
  /** null: no quiet hours for these countries and categories. */
  window: LocalWindow | null;
}

export interface FrequencyCapRule {
  name: string;
  categories: MessageCategory[];
  limit: number;
  windowSeconds: number;
}

export interface SenderProfile {
  /** Used in countries that accept alphanumeric sender ids. */
  alphanumeric?: string;
  /** Explicit sender per country (long code, short code or registered header); wins over `alphanumeric`. */
  byCountry: Record<string, string>;
}

export interface ComplianceRules {
  version: 1;
  /** Zone used when neither the message nor the number's country gives one. */
  defaultTimezone: string;
  /**
   * The template of the STOP confirmation. The one reply receipts sends in answer to a STOP is the only
   * message that reaches a recipient opted out by that STOP; every other template, system ones included,
   * is checked (docs/compliance.md).
   */
  stopConfirmationTemplate: string;
  /** Categories that need an active consent, and the consent purposes that cover each. */
  consentPurposes: Partial<Record<MessageCategory, string[]>>;
  countries: {
    /**
     * Countries Herald may send to; anything else is suppressed COUNTRY_NOT_ALLOWED (SMS pumping
     * goes for premium destinations nobody meant to serve). null: every country not denied.
     */
    allow: string[] | null;
    deny: string[];
    numericSenderOnly: string[];
    templateRegistrationRequired: string[];
  };
  quietHours: QuietHoursRule[];
  frequencyCaps: FrequencyCapRule[];
  /** Velocity limits against SMS pumping (docs/compliance.md); none when the file has no `pumping`. */
  pumping: PumpingRules;
  senderProfiles: Record<string, SenderProfile>;
  brands: Record<string, { dltEntityId?: string }>;
}

/** Categories that must reach the recipient at once: a quiet-hours rule naming them is refused. */
export const NEVER_DEFERRED: readonly MessageCategory[] = ['otp', 'security'];
