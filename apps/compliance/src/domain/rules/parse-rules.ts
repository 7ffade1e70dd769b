import { MessageCategories, TEMPLATE_KEY_PATTERN, type MessageCategory } from '@herald/contracts';
import { isValidTimeZone } from '../time/local-time';
import {
  NEVER_DEFERRED,
  type ComplianceRules,
  type FrequencyCapRule,
  type LocalWindow,
  type QuietHoursRule,
  type SenderProfile,
} from './compliance-rules';
import { GuardModes, type PumpingRules, type VelocityRule } from '../policies/pumping.policy';
import { RulesReader } from './rules-reader';

export type RulesParse = { ok: true; rules: ComplianceRules } | { ok: false; errors: string[] };

const COUNTRY = /^[A-Z]{2}$/;
const COUNTRY_OR_ANY = /^([A-Z]{2}|\*)$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const CAP_NAME = /^[a-z0-9_-]{1,64}$/;
// An alphanumeric sender id is at most 11 GSM characters with at least one letter; a numeric one
// is a long number (optionally +E.164) or a short code.
export const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 .&-]{1,11}$/;
export const NUMERIC_SENDER = /^\+?\d{3,15}$/;
const TOP_KEYS = ['version', 'description', 'defaultTimezone', 'optOut', 'consent', 'countries', 'quietHours', 'frequencyCaps', 'pumping', 'senderProfiles', 'brands'] as const;

/** Validates the parsed JSON of a rules file; every problem found is listed, not only the first. */
export function parseRules(json: unknown): RulesParse {
  const r = new RulesReader();
  const top = r.object(json, '$', TOP_KEYS);
  if (!top) return { ok: false, errors: r.errors };
  if (top.version !== 1) r.fail('version', 'must be 1 (this service reads compliance-rules v1)');
  const defaultTimezone = r.string(top.defaultTimezone, 'defaultTimezone');
  if (defaultTimezone && !isValidTimeZone(defaultTimezone)) r.fail('defaultTimezone', `unknown IANA time zone "${defaultTimezone}"`);

  // exemptTemplatePrefixes (a prefix sent to anyone opted out) is gone: an unknown key is an error, not a silent exemption.
  const optOut = r.object(top.optOut, 'optOut', ['stopConfirmationTemplate']);
  const stopConfirmation = optOut && r.string(optOut.stopConfirmationTemplate, 'optOut.stopConfirmationTemplate', TEMPLATE_KEY_PATTERN, 'must be a template key');
  const rules: ComplianceRules = {
    version: 1,
    defaultTimezone: defaultTimezone ?? 'UTC',
    stopConfirmationTemplate: stopConfirmation ?? 'system.stop_confirmation',
    consentPurposes: readConsent(r, top.consent),
    countries: readCountries(r, top.countries),
    quietHours: (r.array(top.quietHours, 'quietHours') ?? []).map((q, i) => readQuietHours(r, q, `quietHours[${i}]`)),
    frequencyCaps: (r.array(top.frequencyCaps, 'frequencyCaps') ?? []).map((c, i) => readCap(r, c, `frequencyCaps[${i}]`)),
    pumping: top.pumping === undefined ? { prefixDigits: 7, velocity: [] } : readPumping(r, top.pumping),
    senderProfiles: readProfiles(r, top.senderProfiles),
    brands: readBrands(r, top.brands),
  };
  checkCrossRules(r, rules);
  return r.errors.length === 0 ? { ok: true, rules } : { ok: false, errors: r.errors };
}

function readConsent(r: RulesReader, value: unknown): ComplianceRules['consentPurposes'] {
  const consent = r.object(value, 'consent', ['requiredFor']);
  const required = consent && r.record(consent.requiredFor, 'consent.requiredFor');
  const out: ComplianceRules['consentPurposes'] = {};
  for (const [category, spec] of Object.entries(required ?? {})) {
    const path = `consent.requiredFor.${category}`;
    if (!r.oneOf(category, path, MessageCategories)) continue;
    const s = r.object(spec, path, ['purposes']);
    const purposes = s && r.strings(s.purposes, `${path}.purposes`);
    if (purposes?.length === 0) r.fail(`${path}.purposes`, 'must name at least one purpose');
    out[category as MessageCategory] = purposes ?? [];
  }
  return out;
}

function readCountries(r: RulesReader, value: unknown): ComplianceRules['countries'] {
  const c = r.object(value, 'countries', ['allow', 'deny', 'numericSenderOnly', 'templateRegistrationRequired']);
  const list = (key: string) => (c ? r.strings(c[key], `countries.${key}`, COUNTRY, 'must be ISO 3166-1 alpha-2 codes like FR') : undefined) ?? [];
  return {
    allow: c?.allow === null ? null : list('allow'),
    deny: list('deny'),
    numericSenderOnly: list('numericSenderOnly'),
    templateRegistrationRequired: list('templateRegistrationRequired'),
  };
}

function readQuietHours(r: RulesReader, value: unknown, path: string): QuietHoursRule {
  const q = r.object(value, path, ['countries', 'categories', 'window']);
  const countries = (q && r.strings(q.countries, `${path}.countries`, COUNTRY_OR_ANY, "must be ISO2 codes or '*'")) ?? [];
  const categories = (q && readCategories(r, q.categories, `${path}.categories`)) ?? [];
  for (const c of categories) if (NEVER_DEFERRED.includes(c)) r.fail(`${path}.categories`, `${c} messages are never deferred; remove it`);
  let window: LocalWindow | null = null;
  if (q && q.window !== null) {
    const w = r.object(q.window, `${path}.window`, ['start', 'end']);
    const start = w && r.string(w.start, `${path}.window.start`, HH_MM, 'must be HH:MM (24 h)');
    const end = w && r.string(w.end, `${path}.window.end`, HH_MM, 'must be HH:MM (24 h)');
    if (start && end && start === end) r.fail(`${path}.window`, 'start and end are equal; use "window": null for no quiet hours');
    if (start && end) window = { startMinute: toMinute(start), endMinute: toMinute(end) };
  }
  return { countries, categories, window };
}

function readCap(r: RulesReader, value: unknown, path: string): FrequencyCapRule {
  const c = r.object(value, path, ['name', 'categories', 'limit', 'windowSeconds']);
  return {
    name: (c && r.string(c.name, `${path}.name`, CAP_NAME, 'must match [a-z0-9_-]{1,64}')) ?? '',
    categories: (c && readCategories(r, c.categories, `${path}.categories`)) ?? [],
    limit: (c && r.integer(c.limit, `${path}.limit`, 1, 1000)) ?? 1,
    windowSeconds: (c && r.integer(c.windowSeconds, `${path}.windowSeconds`, 1, 31 * 86400)) ?? 1,
  };
}

function readPumping(r: RulesReader, value: unknown): PumpingRules {
  const p = r.object(value, 'pumping', ['prefixDigits', 'velocity']);
  const velocity = ((p && r.array(p.velocity, 'pumping.velocity')) ?? []).map((v, i): VelocityRule => {
    const path = `pumping.velocity[${i}]`;
    const o = r.object(v, path, ['name', 'scope', 'categories', 'limit', 'windowSeconds', 'mode']);
    return {
      name: (o && r.string(o.name, `${path}.name`, CAP_NAME, 'must match [a-z0-9_-]{1,64}')) ?? '',
      scope: (o && r.oneOf(o.scope, `${path}.scope`, ['country', 'prefix'] as const)) ?? 'country',
      categories: (o && readCategories(r, o.categories, `${path}.categories`)) ?? [],
      limit: (o && r.integer(o.limit, `${path}.limit`, 1, 10_000_000)) ?? 1,
      windowSeconds: (o && r.integer(o.windowSeconds, `${path}.windowSeconds`, 1, 86400)) ?? 1,
      mode: (o && r.oneOf(o.mode, `${path}.mode`, GuardModes)) ?? 'monitor',
    };
  });
  const names = velocity.map((v) => v.name);
  names.forEach((n, i) => names.indexOf(n) !== i && r.fail(`pumping.velocity[${i}].name`, `duplicate velocity rule name "${n}"`));
  // 4 digits is a country code and a little more; beyond 12 a prefix is nearly a whole number.
  return { prefixDigits: (p && r.integer(p.prefixDigits, 'pumping.prefixDigits', 4, 12)) ?? 7, velocity };
}

function readProfiles(r: RulesReader, value: unknown): Record<string, SenderProfile> {
  const out: Record<string, SenderProfile> = {};
  for (const [name, spec] of Object.entries(r.record(value, 'senderProfiles') ?? {})) {
    const path = `senderProfiles.${name}`;
    const p = r.object(spec, path, ['alphanumeric', 'byCountry']);
    if (!p) continue;
    const alphanumeric = p.alphanumeric === undefined ? undefined : r.string(p.alphanumeric, `${path}.alphanumeric`, ALPHANUMERIC_SENDER, 'must be 1-11 letters/digits with at least one letter');
    const byCountry: Record<string, string> = {};
    for (const [country, sender] of Object.entries((p.byCountry === undefined ? {} : r.record(p.byCountry, `${path}.byCountry`)) ?? {})) {
      const at = `${path}.byCountry.${country}`;
      if (!COUNTRY.test(country)) r.fail(at, 'key must be an ISO2 country code');
      const s = r.string(sender, at);
      if (s && !ALPHANUMERIC_SENDER.test(s) && !NUMERIC_SENDER.test(s)) r.fail(at, 'must be an alphanumeric sender id or a number');
      if (s) byCountry[country] = s;
    }
    if (!alphanumeric && Object.keys(byCountry).length === 0) r.fail(path, 'needs alphanumeric or byCountry');
    out[name] = { alphanumeric, byCountry };
  }
  return out;
}

function readBrands(r: RulesReader, value: unknown): ComplianceRules['brands'] {
  const out: ComplianceRules['brands'] = {};
  for (const [brand, spec] of Object.entries(r.record(value, 'brands') ?? {})) {
    const b = r.object(spec, `brands.${brand}`, ['dltEntityId']);
    out[brand] = { dltEntityId: b?.dltEntityId === undefined ? undefined : r.string(b.dltEntityId, `brands.${brand}.dltEntityId`, /^\d{6,30}$/, 'must be the digits of the DLT entity id') };
  }
  return out;
}

function readCategories(r: RulesReader, value: unknown, path: string): MessageCategory[] | undefined {
  const list = r.array(value, path);
  if (list?.length === 0) r.fail(path, 'must name at least one category');
  const out = list?.map((v, i) => r.oneOf(v, `${path}[${i}]`, MessageCategories));
  return out?.every((v): v is MessageCategory => v !== undefined) ? out : undefined;
}

function checkCrossRules(r: RulesReader, rules: ComplianceRules): void {
  const names = rules.frequencyCaps.map((c) => c.name);
  names.forEach((n, i) => names.indexOf(n) !== i && r.fail(`frequencyCaps[${i}].name`, `duplicate cap name "${n}"`));
  for (const [name, profile] of Object.entries(rules.senderProfiles)) {
    for (const country of rules.countries.numericSenderOnly) {
      const sender = profile.byCountry[country];
      if (sender && !NUMERIC_SENDER.test(sender)) r.fail(`senderProfiles.${name}.byCountry.${country}`, `${country} accepts only numeric senders (long code or short code)`);
    }
  }
}

function toMinute(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
