import { pruned } from './payload-fields';

/** A place a platform may hold the customer's number, with the country that reads it. */
export interface ContactCandidate {
  phone?: string;
  country?: string;
}

export interface CustomerParts {
  id?: string;
  firstName?: string;
  lastName?: string;
  locale?: string;
  /** Used when the chosen phone's own place has no country. */
  country?: string;
}

/**
 * `data.customer` of a Herald event: the first phone found in `candidates` (the order each pack
 * documents: customer, shipping address, billing address), with its place's country as the region
 * hint. No phone: the customer has none, and the event ends in the DLQ as MISSING_RECIPIENT.
 */
export function customerOf(parts: CustomerParts, candidates: readonly ContactCandidate[]): Record<string, unknown> {
  const chosen = candidates.find((c) => c.phone !== undefined && c.phone.length <= 32);
  return pruned({
    id: parts.id,
    firstName: parts.firstName?.slice(0, 100),
    lastName: parts.lastName?.slice(0, 100),
    phone: chosen?.phone,
    locale: parts.locale,
    country: chosen?.country ?? parts.country ?? candidates.find((c) => c.country !== undefined)?.country,
  });
}

export function hasPhone(data: Record<string, unknown>): boolean {
  const customer = data['customer'] as Record<string, unknown> | undefined;
  return typeof customer?.['phone'] === 'string' && customer['phone'] !== '';
}
