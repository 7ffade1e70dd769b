import { COUNTRY_PATTERN, DECIMAL_AMOUNT_PATTERN, ID_MAX_LENGTH } from '@herald/contracts';
import { isLocale } from '../../../domain/locale';

type Json = Record<string, unknown>;

export function objectAt(value: unknown, key: string): Json | undefined {
  const v = value !== null && typeof value === 'object' ? (value as Json)[key] : undefined;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

export function textAt(value: unknown, key: string, max = 500): string | undefined {
  const v = value !== null && typeof value === 'object' ? (value as Json)[key] : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const trimmed = v.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, max);
}

export function idAt(value: unknown, key: string): string | undefined {
  const v = textAt(value, key, ID_MAX_LENGTH + 1);
  return v !== undefined && v.length <= ID_MAX_LENGTH ? v : undefined;
}

/** ISO 3166-1 alpha-2 country code, upper-cased (WooCommerce and Stripe send `FR`, Shopify `country_code`). */
export function countryAt(value: unknown, key: string): string | undefined {
  const v = textAt(value, key)?.toUpperCase();
  return v !== undefined && COUNTRY_PATTERN.test(v) ? v : undefined;
}

/** A BCP-47 locale as Herald takes it: `fr`, `fr-CA`; Shopify's `pt-BR` passes, `en_US` becomes `en-US`. */
export function localeAt(value: unknown, key: string): string | undefined {
  const v = textAt(value, key)?.replace('_', '-');
  return isLocale(v) ? v : undefined;
}

/** An ISO 8601 time as sent, or undefined; WooCommerce's `*_gmt` fields have no zone and are UTC. */
export function timeAt(value: unknown, key: string, assumeUtc = false): string | undefined {
  const v = textAt(value, key);
  if (v === undefined) return undefined;
  const withZone = assumeUtc && !/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? `${v}Z` : v;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A decimal amount string as platforms send it ("199.65"), kept exact; numbers are formatted, never rounded. */
export function decimalAt(value: unknown, key: string): string | undefined {
  const v = textAt(value, key);
  return v !== undefined && DECIMAL_AMOUNT_PATTERN.test(v) ? v : undefined;
}

export function pruned<T extends Json>(obj: T): T {
  for (const k of Object.keys(obj)) if (obj[k] === undefined) delete obj[k];
  return obj;
}
