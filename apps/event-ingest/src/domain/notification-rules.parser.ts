import { HeraldError, MAX_TTL_SECONDS, MessageCategories, TEMPLATE_KEY_PATTERN, type MessageCategory } from '@herald/contracts';
import { DOTTED_PATH_PATTERN } from './dotted-path';
import type { NotificationRule, NotificationRules, RecipientPaths } from './notification-rules';

export const SUPPORTED_RULES_VERSIONS: readonly number[] = [1];

export const SYSTEM_TEMPLATE_PREFIX = 'system.';
const RULE_KEYS = new Set(['templateKey', 'category', 'ttlSeconds', 'ttlSecondsPath', 'recipient', 'secretPaths', 'brand', 'brandPath']);
const RECIPIENT_KEYS = new Set(['phone', 'locale', 'timezone', 'country']);
const ROOT_KEYS = new Set(['version', 'description', 'defaults', 'events']);

type Json = Record<string, unknown>;

class RuleError extends Error {}

/**
 * Validates a rules document as a whole; the first problem becomes one CONFIG_INVALID line naming
 * the file and the JSON path, e.g. `events["order.placed"][0].category must be one of ...`.
 */
export function parseNotificationRules(doc: unknown, knownEventTypes: ReadonlySet<string>, label: string): NotificationRules {
  try {
    return parseRoot(doc, knownEventTypes);
  } catch (e) {
    if (e instanceof RuleError) throw new HeraldError('CONFIG_INVALID', `invalid notification rules ${label}: ${e.message}`);
    throw e;
  }
}

function parseRoot(doc: unknown, known: ReadonlySet<string>): NotificationRules {
  const root = object(doc, 'the document');
  unknownKeys(root, ROOT_KEYS, '');
  const version = root.version;
  if (typeof version !== 'number' || !SUPPORTED_RULES_VERSIONS.includes(version)) {
    fail(`version must be one of ${SUPPORTED_RULES_VERSIONS.join(', ')} (got ${JSON.stringify(version)})`);
  }
  const defaults = root.defaults === undefined ? {} : object(root.defaults, 'defaults');
  unknownKeys(defaults, new Set(['recipient']), 'defaults.');
  const recipientDefaults = defaults.recipient === undefined ? {} : object(defaults.recipient, 'defaults.recipient');
  const events = object(root.events, 'events');
  const byType = new Map<string, readonly NotificationRule[]>();
  for (const [type, list] of Object.entries(events)) {
    const at = `events[${JSON.stringify(type)}]`;
    if (!known.has(type)) fail(`${at}: no contract for event type ${type} (known: ${[...known].join(', ')})`);
    if (!Array.isArray(list)) fail(`${at} must be an array of rules`);
    const rules = list.map((rule, i) => parseRule(rule, recipientDefaults, `${at}[${i}]`));
    const keys = rules.map((r) => r.templateKey);
    const twice = keys.find((k, i) => keys.indexOf(k) !== i);
    if (twice !== undefined) fail(`${at}: templateKey ${twice} appears twice (it is part of the message id)`);
    byType.set(type, rules);
  }
  return { version: version as number, events: byType };
}

function parseRule(raw: unknown, recipientDefaults: Json, at: string): NotificationRule {
  const rule = object(raw, at);
  unknownKeys(rule, RULE_KEYS, `${at}.`);
  const templateKey = rule.templateKey;
  if (typeof templateKey !== 'string' || !TEMPLATE_KEY_PATTERN.test(templateKey)) fail(`${at}.templateKey must match ${TEMPLATE_KEY_PATTERN.source}`);
  // system.* (STOP/START/HELP replies) are sent by receipts alone; an event mapped to one would reach opted-out numbers' inboxes as a "reply".
  if ((templateKey as string).startsWith(SYSTEM_TEMPLATE_PREFIX)) fail(`${at}.templateKey ${templateKey as string}: system.* templates are sent by Herald itself, never mapped from events`);
  if (!MessageCategories.includes(rule.category as MessageCategory)) fail(`${at}.category must be one of ${MessageCategories.join(', ')}`);
  const ttl = rule.ttlSeconds;
  if (!Number.isInteger(ttl) || (ttl as number) < 1 || (ttl as number) > MAX_TTL_SECONDS) {
    fail(`${at}.ttlSeconds must be an integer from 1 to ${MAX_TTL_SECONDS}`);
  }
  const recipient = parseRecipient({ ...recipientDefaults, ...(rule.recipient === undefined ? {} : object(rule.recipient, `${at}.recipient`)) }, `${at}.recipient`);
  const secretPaths = rule.secretPaths === undefined ? [] : rule.secretPaths;
  if (!Array.isArray(secretPaths)) fail(`${at}.secretPaths must be an array of dotted paths`);
  secretPaths.forEach((p, i) => path(p, `${at}.secretPaths[${i}]`));
  const brand = rule.brand;
  if (brand !== undefined && (typeof brand !== 'string' || brand.length < 1 || brand.length > 64)) fail(`${at}.brand must be 1 to 64 characters`);
  return {
    templateKey,
    category: rule.category as MessageCategory,
    ttlSeconds: ttl as number,
    ttlSecondsPath: optionalPath(rule.ttlSecondsPath, `${at}.ttlSecondsPath`),
    recipient,
    secretPaths: secretPaths as string[],
    brand: brand as string | undefined,
    brandPath: optionalPath(rule.brandPath, `${at}.brandPath`),
  };
}

function parseRecipient(raw: Json, at: string): RecipientPaths {
  unknownKeys(raw, RECIPIENT_KEYS, `${at}.`);
  if (raw.phone === undefined) fail(`${at}.phone is required (here or in defaults.recipient)`);
  return {
    phone: path(raw.phone, `${at}.phone`),
    locale: optionalPath(raw.locale, `${at}.locale`),
    timezone: optionalPath(raw.timezone, `${at}.timezone`),
    country: optionalPath(raw.country, `${at}.country`),
  };
}

function path(value: unknown, at: string): string {
  if (typeof value !== 'string' || !DOTTED_PATH_PATTERN.test(value)) fail(`${at} must be a dotted path like customer.phone`);
  return value;
}

function optionalPath(value: unknown, at: string): string | undefined {
  return value === undefined ? undefined : path(value, at);
}

function object(value: unknown, at: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${at} must be a JSON object`);
  return value as Json;
}

function unknownKeys(value: Json, allowed: ReadonlySet<string>, prefix: string): void {
  const extra = Object.keys(value).find((k) => !allowed.has(k));
  if (extra !== undefined) fail(`${prefix}${extra} is not a known field (allowed: ${[...allowed].join(', ')})`);
}

function fail(message: string): never {
  throw new RuleError(message);
}
