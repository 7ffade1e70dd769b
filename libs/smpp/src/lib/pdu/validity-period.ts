// SMPP time format (section 7.1.1), relative form: YYMMDDhhmmss000R, each field an amount to add
// to the SMSC's current time. A TTL in seconds becomes days/hours/minutes/seconds; years and months
// stay 00 because their length varies. Days cap at 99.
const MAX_RELATIVE_SECONDS = 99 * 86400 + 23 * 3600 + 59 * 60 + 59;

export function relativeValidityPeriod(ttlSeconds: number): string {
  const total = Math.max(0, Math.min(MAX_RELATIVE_SECONDS, Math.floor(ttlSeconds)));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `0000${two(days)}${two(hours)}${two(minutes)}${two(seconds)}000R`;
}

/** The inverse, for relative periods only; undefined for absolute or malformed values. */
export function parseRelativeValidityPeriod(value: string): number | undefined {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\d{3}R$/.exec(value);
  if (!m) return undefined;
  const [years, months, days, hours, minutes, seconds] = m.slice(1).map(Number);
  return ((years * 365 + months * 30 + days) * 24 + hours) * 3600 + minutes * 60 + seconds;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
