import { COUNTRY_PATTERN, LOCALE_PATTERN } from '@herald/contracts';
import { DataFileSchema, dataFileError } from '@herald/data-files';

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

/** The keywords file ships inside the service: it has no env key, its name stands for one in errors. */
export const KEYWORDS_KEY = 'keywords';
export const KEYWORDS_FILE = 'apps/receipts/rules/keywords.v1.json';

const LOCALE = { type: 'string', pattern: LOCALE_PATTERN.source, 'x-reason': 'must be a locale like fr or pt-BR' };
const KEYWORDS = {
  type: 'object',
  propertyNames: { type: 'string', pattern: LOCALE_PATTERN.source, 'x-reason': 'is not a locale' },
  additionalProperties: {
    type: 'array',
    items: { type: 'string', pattern: '\\S', 'x-reason': 'must be a non-empty string' },
    'x-reason': 'must be a list of non-empty strings',
  },
  'x-reason': 'must map locales to keyword lists',
};

const schema = new DataFileSchema<KeywordRules>({
  type: 'object',
  required: ['version', 'defaultLocale', 'classes', 'localeByCountry'],
  // Which brands a number answers for is the brands file's business (HERALD_BRANDS_FILE), not this one's.
  properties: {
    version: { const: 1, 'x-reason': 'must be 1' },
    defaultLocale: LOCALE,
    classes: {
      type: 'object',
      required: [...KeywordClasses],
      additionalProperties: false,
      properties: Object.fromEntries(KeywordClasses.map((c) => [c, KEYWORDS])),
    },
    localeByCountry: {
      type: 'object',
      propertyNames: {
        type: 'string',
        pattern: COUNTRY_PATTERN.source,
        'x-reason': 'is not an ISO 3166-1 alpha-2 country',
      },
      additionalProperties: LOCALE,
    },
    brandsByShortCode: {
      not: {},
      'x-reason': 'is gone: the senders of each brand are in the brands file (HERALD_BRANDS_FILE)',
    },
  },
  additionalProperties: false,
});

/** Checks the shape once at start-up, so a typo in the file is one CONFIG_INVALID line, not a bad reply. */
export function parseKeywordRules(raw: unknown): KeywordRules {
  const outcome = schema.validate(raw);
  if (!outcome.ok) throw dataFileError(KEYWORDS_KEY, KEYWORDS_FILE, outcome.problems);
  return outcome.value;
}
