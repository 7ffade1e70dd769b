import { HeraldError } from '@herald/contracts';
import { transliterate } from '@herald/sms-encoding';
import { formatDateTime, formatMoney } from './format-filters';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('formatMoney', () => {
  it.each([
    ['fr-FR', '49.90', 'EUR', `49,90${NBSP}€`],
    ['fr-FR', '1234.50', 'EUR', `1${NNBSP}234,50${NBSP}€`],
    ['fr-CA', '49.90', 'CAD', `49,90${NBSP}$`],
    ['en-US', '49.90', 'USD', '$49.90'],
    ['en-GB', '1234.5', 'GBP', '£1,234.50'],
    ['en-IE', '49.90', 'EUR', '€49.90'],
    ['ja-JP', '4990', 'JPY', '￥4,990'],
    ['de-DE', '0.1', 'EUR', `0,10${NBSP}€`],
  ])('%s %s %s -> %j', (locale, amount, currency, expected) => {
    expect(formatMoney({ amount, currency }, locale)).toBe(expected);
  });

  it('formats the decimal string exactly, without float rounding', () => {
    expect(formatMoney({ amount: '123456789012.35', currency: 'USD' }, 'en-US')).toBe('$123,456,789,012.35');
  });

  it('uses no-break spaces for fr-FR, which transliteration turns into plain spaces', () => {
    const text = formatMoney({ amount: '1234.50', currency: 'EUR' }, 'fr-FR');
    expect(text).toContain(NNBSP);
    expect(transliterate(text)).toBe('1 234,50 €');
  });

  it.each([
    ['a plain string', '49.90'],
    ['a float-looking amount string', { amount: '49,90', currency: 'EUR' }],
    ['a lowercase currency', { amount: '49.90', currency: 'eur' }],
    ['a missing currency', { amount: '49.90' }],
    ['an array', [1]],
  ])('rejects %s as TEMPLATE_RENDER_FAILED', (_label, value) => {
    expect(() => formatMoney(value, 'fr-FR')).toThrow(HeraldError);
    expect(() => formatMoney(value, 'fr-FR')).toThrow(/money filter/);
  });
});

describe('formatDateTime', () => {
  const paris = { locale: 'fr-FR', timeZone: 'Europe/Paris' };
  const newYork = { locale: 'en-US', timeZone: 'America/New_York' };
  const at = '2025-03-15T13:30:00Z';

  it.each([
    [at, 'date', undefined, paris, '15 mars 2025'],
    [at, 'datetime', undefined, paris, '15 mars 2025 à 14:30'],
    [at, 'time', undefined, paris, '14:30'],
    [at, 'date', 'short', paris, '15/03/2025'],
    [at, 'date', 'full', paris, 'samedi 15 mars 2025'],
    [at, 'date', undefined, newYork, 'March 15, 2025'],
    [at, 'time', undefined, newYork, '9:30 AM'],
    ['2025-03-15T01:30:00Z', 'date', undefined, newYork, 'March 14, 2025'],
    ['2025-03-15T14:30:00+01:00', 'time', undefined, { locale: 'en-GB', timeZone: 'Europe/London' }, '13:30'],
    ['2025-07-01T12:00:00Z', 'time', undefined, paris, '14:00'],
    ['2025-03-15', 'date', undefined, newYork, 'March 15, 2025'],
  ])('%s | %s: %s in %j -> %j', (value, kind, style, recipient, expected) => {
    expect(formatDateTime(value, kind as 'date', style, recipient)).toBe(expected);
  });

  it.each([
    ['not a date', 'date', undefined, paris, /ISO 8601/],
    ['2025-02-30T10:00:00Z', 'date', undefined, paris, /not a valid date|ISO 8601/],
    [42, 'date', undefined, paris, /ISO 8601/],
    [at, 'date', '%d/%m/%Y', paris, /style must be one of/],
    ['2025-03-15', 'time', undefined, paris, /needs a timestamp/],
    [at, 'date', undefined, { locale: 'fr-FR', timeZone: 'Mars/Olympus' }, /date filter/],
  ])('rejects %j (%s, %s) as TEMPLATE_RENDER_FAILED', (value, kind, style, recipient, message) => {
    let error: unknown;
    try {
      formatDateTime(value, kind as 'date', style, recipient);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HeraldError);
    expect((error as HeraldError).code).toBe('TEMPLATE_RENDER_FAILED');
    expect((error as HeraldError).message).toMatch(message);
  });
});
