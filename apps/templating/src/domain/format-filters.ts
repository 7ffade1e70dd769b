import { CURRENCY_PATTERN, DECIMAL_AMOUNT_PATTERN, HeraldError } from '@herald/contracts';

/** Where and for whom a body is rendered: the recipient's locale and IANA time zone. */
export interface RecipientFormat {
  locale: string;
  timeZone: string;
}

export const DATE_STYLES = ['short', 'medium', 'long', 'full'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];
export type DateKind = 'date' | 'datetime' | 'time';

const DEFAULT_STYLE: Record<DateKind, DateStyle> = { date: 'long', datetime: 'long', time: 'short' };
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FORMAT_CACHE_LIMIT = 500;

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(cache: Map<string, F>, key: string, create: () => F): F {
  let format = cache.get(key);
  if (format === undefined) {
    if (cache.size >= FORMAT_CACHE_LIMIT) cache.clear();
    format = create();
    cache.set(key, format);
  }
  return format;
}

function filterError(message: string, cause?: unknown): HeraldError {
  return new HeraldError('TEMPLATE_RENDER_FAILED', message, cause === undefined ? {} : { cause });
}

// Date rolls 2025-02-30 over to March 2; a producer's typo should fail, not shift the day.
function isRealCalendarDay(iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `{{ total | money }}` with `total = { amount: "49.90", currency: "EUR" }`: the decimal string is
 * formatted exactly (no float rounding) in the recipient's locale, e.g. "49,90 €" for fr-FR.
 */
export function formatMoney(value: unknown, locale: string): string {
  if (!isRecord(value)) throw filterError('money filter expects an object like { amount: "49.90", currency: "EUR" }');
  const { amount, currency } = value;
  const decimal = typeof amount === 'number' && Number.isFinite(amount) ? String(amount) : amount;
  if (typeof decimal !== 'string' || !DECIMAL_AMOUNT_PATTERN.test(decimal))
    throw filterError('money filter: amount must be a decimal string like "49.90"');
  if (typeof currency !== 'string' || !CURRENCY_PATTERN.test(currency))
    throw filterError('money filter: currency must be an ISO 4217 code like EUR');
  const format = cached(
    numberFormats,
    `${locale}|${currency}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency }),
  );
  return format.format(decimal as `${number}`);
}

/**
 * `date`, `datetime` and `time` filters: an ISO 8601 timestamp shown in the recipient's locale and
 * time zone (Intl dateStyle/timeStyle). A date without a time (`2025-03-15`) is a calendar date and
 * is never shifted by a time zone.
 */
export function formatDateTime(value: unknown, kind: DateKind, style: unknown, recipient: RecipientFormat): string {
  const chosen = style ?? DEFAULT_STYLE[kind];
  if (typeof chosen !== 'string' || !(DATE_STYLES as readonly string[]).includes(chosen)) {
    throw filterError(`${kind} filter: style must be one of ${DATE_STYLES.join(', ')}`);
  }
  if (typeof value !== 'string') throw filterError(`${kind} filter expects an ISO 8601 timestamp string`);
  const calendarDate = ISO_DATE.test(value);
  if (!calendarDate && !ISO_TIMESTAMP.test(value))
    throw filterError(`${kind} filter expects an ISO 8601 timestamp like 2025-03-15T14:30:00Z`);
  if (calendarDate && kind !== 'date')
    throw filterError(`${kind} filter needs a timestamp with a time, got a calendar date`);
  const instant = new Date(calendarDate ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(instant.getTime()) || !isRealCalendarDay(value))
    throw filterError(`${kind} filter: not a valid date`);
  const timeZone = calendarDate ? 'UTC' : recipient.timeZone;
  const options: Intl.DateTimeFormatOptions =
    kind === 'time'
      ? { timeStyle: chosen as DateStyle }
      : kind === 'date'
        ? { dateStyle: chosen as DateStyle }
        : { dateStyle: chosen as DateStyle, timeStyle: 'short' };
  try {
    const format = cached(
      dateFormats,
      `${kind}|${chosen}|${recipient.locale}|${timeZone}`,
      () => new Intl.DateTimeFormat(recipient.locale, { ...options, timeZone }),
    );
    return format.format(instant);
  } catch (e) {
    throw filterError(`${kind} filter: ${(e as Error).message}`, e);
  }
}
