// IANA zone arithmetic on top of Intl (full ICU ships with Node): no timezone library needed.

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export function wallClockAt(ms: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

export function minuteOfDay(ms: number, zone: string): number {
  const w = wallClockAt(ms, zone);
  return w.hour * 60 + w.minute;
}

/** UTC offset of `zone` at instant `ms`, in ms (Paris in summer: +7,200,000). */
export function offsetAt(ms: number, zone: string): number {
  const w = wallClockAt(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instants at which the local clock of `zone` reads `minute` on the civil date containing
 * `dateUtcMs` (a UTC midnight): usually one, two in a fall-back hour, none in a spring-forward gap,
 * where the end of the gap stands in (the first moment the clock is past that time).
 */
function instantsOn(dateUtcMs: number, minute: number, zone: string): number[] {
  const wall = dateUtcMs + minute * MINUTE_MS;
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const found = [...new Set([before, after, offsetAt(wall, zone)])]
    .map((offset) => wall - offset)
    .filter((t) => offsetAt(t, zone) + t === wall)
    .sort((a, b) => a - b);
  if (found.length > 0 || after <= before) return found;
  return [transitionBetween(wall - after, wall - before, after, zone)];
}

// Binary search over whole seconds: offsets change on second boundaries in every tz database zone.
function transitionBetween(lo: number, hi: number, newOffset: number, zone: string): number {
  let a = Math.floor(lo / 1000);
  let b = Math.ceil(hi / 1000);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(mid * 1000, zone) === newOffset) b = mid;
    else a = mid;
  }
  return b * 1000;
}

/** The first instant strictly after `afterMs` at which `zone` reads `minute` (or the end of a gap skipping it). */
export function nextLocalTime(afterMs: number, zone: string, minute: number): number {
  const w = wallClockAt(afterMs, zone);
  const today = Date.UTC(w.year, w.month - 1, w.day);
  for (let d = 0; d <= 2; d++) {
    const hit = instantsOn(today + d * DAY_MS, minute, zone).find((t) => t > afterMs);
    if (hit !== undefined) return hit;
  }
  throw new Error(`no local ${minute} min in ${zone} within two days of ${new Date(afterMs).toISOString()}`);
}
