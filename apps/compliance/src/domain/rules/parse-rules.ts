import { MessageCategories, TEMPLATE_KEY_PATTERN, type MessageCategory } from '@herald/contracts';
import { DataFileSchema, pathOf, type DataFileProblem } from '@herald/data-files';
import { isValidTimeZone } from '../time/local-time';
import { NEVER_DEFERRED, type ComplianceRules, type LocalWindow } from './compliance-rules';
import { GuardModes, type VelocityRule } from '../policies/pumping.policy';

export type RulesParse = { ok: true; rules: ComplianceRules } | { ok: false; errors: string[] };

// An alphanumeric sender id is at most 11 GSM characters with at least one letter; a numeric one
// is a long number (optionally +E.164) or a short code.
export const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 .&-]{1,11}$/;
export const NUMERIC_SENDER = /^\+?\d{3,15}$/;
export const COMPLIANCE_RULES_FILE_KEY = 'COMPLIANCE_RULES_FILE';

type Window = { start: string; end: string } | null;
/** COMPLIANCE_RULES_FILE as written (compliance-rules v1); `toComplianceRules` fills the defaults. */
export interface ComplianceRulesFile {
  version: 1;
  description?: string;
  defaultTimezone: string;
  optOut: { stopConfirmationTemplate: string };
  consent: { requiredFor: Partial<Record<MessageCategory, { purposes: string[] }>> };
  countries: ComplianceRules['countries'];
  quietHours: { countries: string[]; categories: MessageCategory[]; window: Window }[];
  frequencyCaps: ComplianceRules['frequencyCaps'];
  pumping?: { prefixDigits: number; velocity: VelocityRule[] };
  senderProfiles: Record<string, { alphanumeric?: string; byCountry?: Record<string, string> }>;
  brands: Record<string, { dltEntityId?: string }>;
}

const OBJECT = 'must be an object';
const int = (min: number, max: number) => ({
  type: 'integer',
  minimum: min,
  maximum: max,
  'x-reason': `must be an integer from ${min} to ${max}`,
});
const oneOf = (values: readonly string[]) => ({ enum: values, 'x-reason': `must be one of ${values.join(', ')}` });
const CAP_NAME = { type: 'string', pattern: '^[a-z0-9_-]{1,64}$', 'x-reason': 'must match [a-z0-9_-]{1,64}' };
const COUNTRIES = {
  type: 'array',
  items: { type: 'string', pattern: '^[A-Z]{2}$', 'x-reason': 'must be ISO 3166-1 alpha-2 codes like FR' },
  'x-reason': 'must be an array',
};
const CATEGORIES = {
  type: 'array',
  minItems: 1,
  items: oneOf(MessageCategories),
  'x-reason': 'must name at least one category',
};
const HH_MM = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', 'x-reason': 'must be HH:MM (24 h)' };
const object = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  required,
  additionalProperties: false,
  properties,
  'x-reason': OBJECT,
});

const schema = new DataFileSchema<ComplianceRulesFile>(
  {
    ...object(
      {
        version: { const: 1, 'x-reason': 'must be 1 (this service reads compliance-rules v1)' },
        description: { type: 'string' },
        defaultTimezone: { type: 'string', minLength: 1, 'x-reason': 'must be a non-empty string' },
        optOut: object(
          {
            stopConfirmationTemplate: {
              type: 'string',
              pattern: TEMPLATE_KEY_PATTERN.source,
              'x-reason': 'must be a template key',
            },
            // Issue 19: a prefix sent to anyone opted out; an unknown key is an error, not a silent exemption.
            exemptTemplatePrefixes: {
              not: {},
              'x-reason': 'is gone: an opted-out number receives no template but the STOP confirmation',
            },
          },
          ['stopConfirmationTemplate'],
        ),
        consent: object({
          requiredFor: {
            type: 'object',
            'x-reason': OBJECT,
            propertyNames: { type: 'string', ...oneOf(MessageCategories) },
            additionalProperties: object({
              purposes: {
                type: 'array',
                minItems: 1,
                items: { type: 'string', minLength: 1 },
                'x-reason': 'must name at least one purpose (non-empty strings)',
              },
            }),
          },
        }),
        countries: object({
          allow: { ...COUNTRIES, type: ['array', 'null'], 'x-reason': 'must be an array or null' },
          deny: COUNTRIES,
          numericSenderOnly: COUNTRIES,
          templateRegistrationRequired: COUNTRIES,
        }),
        quietHours: {
          type: 'array',
          'x-reason': 'must be an array',
          items: object({
            countries: {
              type: 'array',
              items: { type: 'string', pattern: '^([A-Z]{2}|\\*)$', 'x-reason': "must be ISO2 codes or '*'" },
              'x-reason': 'must be an array',
            },
            categories: CATEGORIES,
            window: {
              ...object({ start: HH_MM, end: HH_MM }),
              type: ['object', 'null'],
              'x-reason': 'must be an object or null',
            },
          }),
        },
        frequencyCaps: {
          type: 'array',
          'x-reason': 'must be an array',
          items: object({
            name: CAP_NAME,
            categories: CATEGORIES,
            limit: int(1, 1000),
            windowSeconds: int(1, 31 * 86400),
          }),
        },
        // 4 digits is a country code and a little more; beyond 12 a prefix is nearly a whole number.
        pumping: object({
          prefixDigits: int(4, 12),
          velocity: {
            type: 'array',
            'x-reason': 'must be an array',
            items: object({
              name: CAP_NAME,
              scope: oneOf(['country', 'prefix']),
              categories: CATEGORIES,
              limit: int(1, 10_000_000),
              windowSeconds: int(1, 86400),
              mode: oneOf(GuardModes),
            }),
          },
        }),
        senderProfiles: {
          type: 'object',
          'x-reason': OBJECT,
          additionalProperties: object(
            {
              alphanumeric: {
                type: 'string',
                'x-reason': 'must be a non-empty string',
                allOf: [
                  { minLength: 1, 'x-reason': 'must be a non-empty string' },
                  {
                    pattern: ALPHANUMERIC_SENDER.source,
                    'x-reason': 'must be 1-11 letters/digits with at least one letter',
                  },
                ],
              },
              byCountry: {
                type: 'object',
                'x-reason': OBJECT,
                propertyNames: {
                  type: 'string',
                  pattern: '^[A-Z]{2}$',
                  'x-reason': 'key must be an ISO2 country code',
                },
                additionalProperties: {
                  type: 'string',
                  anyOf: [{ pattern: ALPHANUMERIC_SENDER.source }, { pattern: NUMERIC_SENDER.source }],
                  'x-reason': 'must be an alphanumeric sender id or a number',
                },
              },
            },
            [],
          ),
        },
        brands: {
          type: 'object',
          'x-reason': OBJECT,
          additionalProperties: object(
            {
              dltEntityId: {
                type: 'string',
                pattern: '^\\d{6,30}$',
                'x-reason': 'must be the digits of the DLT entity id',
              },
            },
            [],
          ),
        },
      },
      [
        'version',
        'defaultTimezone',
        'optOut',
        'consent',
        'countries',
        'quietHours',
        'frequencyCaps',
        'senderProfiles',
        'brands',
      ],
    ),
  },
  crossRules,
);

/** The rules a schema cannot say: a real time zone, categories never deferred, unique names, senders per country. */
function crossRules(doc: ComplianceRulesFile): DataFileProblem[] {
  const problems: DataFileProblem[] = [];
  const fail = (path: (string | number)[], reason: string) => problems.push({ path: pathOf(path), reason });
  if (!isValidTimeZone(doc.defaultTimezone))
    fail(['defaultTimezone'], `unknown IANA time zone "${doc.defaultTimezone}"`);
  doc.quietHours.forEach((q, i) => {
    for (const c of q.categories)
      if (NEVER_DEFERRED.includes(c))
        fail(['quietHours', i, 'categories'], `${c} messages are never deferred; remove it`);
    if (q.window && q.window.start === q.window.end)
      fail(['quietHours', i, 'window'], 'start and end are equal; use "window": null for no quiet hours');
  });
  const duplicates = (names: string[], at: (i: number) => (string | number)[], what: string) =>
    names.forEach((n, i) => names.indexOf(n) !== i && fail(at(i), `duplicate ${what} "${n}"`));
  duplicates(
    doc.frequencyCaps.map((c) => c.name),
    (i) => ['frequencyCaps', i, 'name'],
    'cap name',
  );
  duplicates(
    (doc.pumping?.velocity ?? []).map((v) => v.name),
    (i) => ['pumping', 'velocity', i, 'name'],
    'velocity rule name',
  );
  for (const [name, profile] of Object.entries(doc.senderProfiles)) {
    if (profile.alphanumeric === undefined && Object.keys(profile.byCountry ?? {}).length === 0)
      fail(['senderProfiles', name], 'needs alphanumeric or byCountry');
    for (const country of doc.countries.numericSenderOnly) {
      const sender = profile.byCountry?.[country];
      if (sender && !NUMERIC_SENDER.test(sender))
        fail(
          ['senderProfiles', name, 'byCountry', country],
          `${country} accepts only numeric senders (long code or short code)`,
        );
    }
  }
  return problems;
}

/** The validated file as the policies read it: windows in minutes, defaults filled in. */
export function toComplianceRules(doc: ComplianceRulesFile): ComplianceRules {
  return {
    version: 1,
    defaultTimezone: doc.defaultTimezone,
    stopConfirmationTemplate: doc.optOut.stopConfirmationTemplate,
    consentPurposes: Object.fromEntries(
      Object.entries(doc.consent.requiredFor).map(([category, spec]) => [category, spec?.purposes ?? []]),
    ),
    countries: doc.countries,
    quietHours: doc.quietHours.map((q) => ({
      countries: q.countries,
      categories: q.categories,
      window: q.window && toWindow(q.window),
    })),
    frequencyCaps: doc.frequencyCaps,
    pumping: doc.pumping ?? { prefixDigits: 7, velocity: [] },
    senderProfiles: Object.fromEntries(
      Object.entries(doc.senderProfiles).map(([name, p]) => [
        name,
        { alphanumeric: p.alphanumeric, byCountry: p.byCountry ?? {} },
      ]),
    ),
    brands: Object.fromEntries(Object.entries(doc.brands).map(([brand, b]) => [brand, { dltEntityId: b.dltEntityId }])),
  };
}

/** The declared shape and cross rules of COMPLIANCE_RULES_FILE, for the loader. */
export const complianceRulesSchema = schema;

/** Validates the parsed JSON of a rules file; every problem found is listed, not only the first. */
export function parseRules(json: unknown): RulesParse {
  const outcome = schema.validate(json);
  return outcome.ok
    ? { ok: true, rules: toComplianceRules(outcome.value) }
    : { ok: false, errors: outcome.problems.map((p) => `${p.path}: ${p.reason}`) };
}

function toWindow(w: { start: string; end: string }): LocalWindow {
  const minute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return { startMinute: minute(w.start), endMinute: minute(w.end) };
}
