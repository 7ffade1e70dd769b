import type { MessageCategory } from '@herald/contracts';
import { suppress, type Suppression } from '../decision';

/** An active (not revoked) consent of a recipient for a brand and purpose. */
export interface ActiveConsent {
  recipientToken: string;
  brand: string;
  purpose: string;
}

export function checkConsent(
  consents: readonly ActiveConsent[],
  message: { recipientToken: string; brand: string; category: MessageCategory },
  purposesByCategory: Partial<Record<MessageCategory, string[]>>,
): Suppression | undefined {
  const purposes = purposesByCategory[message.category];
  if (!purposes) return undefined;
  const covered = consents.some(
    (c) => c.recipientToken === message.recipientToken && c.brand === message.brand && purposes.includes(c.purpose),
  );
  return covered
    ? undefined
    : suppress(
        'NO_CONSENT',
        `${message.category} message needs an active ${purposes.join('/')} consent for ${message.brand}`,
      );
}
