import { COUNTRY_PATTERN, HeraldError, LOCALE_PATTERN } from '@herald/contracts';

// opt_out: the brand(s) of the number texted; opt_out_all (STOPALL, UNSUBSCRIBE ALL, ARRÊT TOUT...): every brand.
export const KeywordClasses = ['opt_out', 'opt_out_all', 'opt_in', 'help'] as const;
export type KeywordClass = (typeof KeywordClasses)[number];

/** `apps/receipts/rules/keywords.v1.json`: keywords per class and locale, kept as data. */
export interface KeywordRules {
  version: 1;
  /** Reply locale for keywords of no particular language (STOP) from a country absent from localeByCountry. */
  defaultLocale: string;
  classes: Record<KeywordClass, Record<string, string[]>>;
  localeByCountry: Record<string, string>;
}

// Which brands a number answers for is the brands file's business (HERALD_BRANDS_FILE), not this one's.
const KEYS = new Set(['version', 'defaultLocale', 'classes', 'localeByCountry']);

/** Checks the shape once at start-up, so a typo in the file is one CONFIG_INVALID line, not a bad reply. */
export function parseKeywordRules(raw: unknown): KeywordRules {
  const rules = raw as Partial<KeywordRules> | null;
  if (rules?.version !== 1) throw invalid('version must be 1');
  for (const key of Object.keys(rules)) {
    if (!KEYS.has(key)) throw invalid(`${key} is not a known key${key === 'brandsByShortCode' ? ' (the senders of each brand are in the brands file)' : ''}`);
  }
  if (typeof rules.defaultLocale !== 'string' || !LOCALE_PATTERN.test(rules.defaultLocale)) throw invalid('defaultLocale must be a locale');
  for (const cls of KeywordClasses) {
    const byLocale = rules.classes?.[cls];
    if (!isRecord(byLocale)) throw invalid(`classes.${cls} must map locales to keyword lists`);
    for (const [locale, words] of Object.entries(byLocale)) {
      if (!LOCALE_PATTERN.test(locale)) throw invalid(`classes.${cls}: "${locale}" is not a locale`);
      if (!Array.isArray(words) || words.some((w) => typeof w !== 'string' || w.trim() === '')) {
        throw invalid(`classes.${cls}.${locale} must be a list of non-empty strings`);
      }
    }
  }
  if (!isRecord(rules.localeByCountry)) throw invalid('localeByCountry must be an object');
  for (const [country, locale] of Object.entries(rules.localeByCountry)) {
    if (!COUNTRY_PATTERN.test(country) || typeof locale !== 'string' || !LOCALE_PATTERN.test(locale)) {
      throw invalid(`localeByCountry.${country} must map an ISO country to a locale`);
    }
  }
  return rules as KeywordRules;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(reason: string): HeraldError {
  return new HeraldError('CONFIG_INVALID', `keywords.v1.json: ${reason}`);
}
