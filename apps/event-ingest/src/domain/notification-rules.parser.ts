import { MAX_TTL_SECONDS, MessageCategories, TEMPLATE_KEY_PATTERN } from '@herald/contracts';
import { DataFileSchema, dataFileError, pathOf, type DataFileProblem } from '@herald/data-files';
import { DOTTED_PATH_PATTERN } from './dotted-path';
import type { NotificationRule, NotificationRules, RecipientPaths } from './notification-rules';

export const SUPPORTED_RULES_VERSIONS: readonly number[] = [1];
export const RULES_FILE_KEY = 'INGEST_RULES_FILE';
export const SYSTEM_TEMPLATE_PREFIX = 'system.';

type RawRecipient = Partial<RecipientPaths>;
interface RawRule extends Omit<NotificationRule, 'recipient' | 'secretPaths'> {
  recipient?: RawRecipient;
  secretPaths?: string[];
}
/** INGEST_RULES_FILE as written: rules per event type, recipient paths defaulted from `defaults.recipient`. */
export interface NotificationRulesFile {
  version: number;
  description?: string;
  defaults?: { recipient?: RawRecipient };
  events: Record<string, RawRule[]>;
}

const PATH = {
  type: 'string',
  pattern: DOTTED_PATH_PATTERN.source,
  'x-reason': 'must be a dotted path like customer.phone',
};
const RECIPIENT = {
  type: 'object',
  additionalProperties: false,
  properties: { phone: PATH, locale: PATH, timezone: PATH, country: PATH },
};
const RULE = {
  type: 'object',
  required: ['templateKey', 'category', 'ttlSeconds'],
  additionalProperties: false,
  properties: {
    templateKey: {
      type: 'string',
      pattern: TEMPLATE_KEY_PATTERN.source,
      'x-reason': `must match ${TEMPLATE_KEY_PATTERN.source}`,
    },
    category: { enum: MessageCategories, 'x-reason': `must be one of ${MessageCategories.join(', ')}` },
    ttlSeconds: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_TTL_SECONDS,
      'x-reason': `must be an integer from 1 to ${MAX_TTL_SECONDS}`,
    },
    ttlSecondsPath: PATH,
    recipient: RECIPIENT,
    secretPaths: { type: 'array', items: PATH, 'x-reason': 'must be an array of dotted paths' },
    brand: { type: 'string', minLength: 1, maxLength: 64, 'x-reason': 'must be 1 to 64 characters' },
    brandPath: PATH,
  },
};

/** The rules file's declared shape; event types are the ones with a contract. */
export function notificationRulesSchema(knownEventTypes: ReadonlySet<string>): DataFileSchema<NotificationRulesFile> {
  const known = [...knownEventTypes];
  return new DataFileSchema<NotificationRulesFile>(
    {
      type: 'object',
      'x-reason': 'must be a JSON object',
      required: ['version', 'events'],
      additionalProperties: false,
      properties: {
        version: {
          enum: SUPPORTED_RULES_VERSIONS,
          'x-reason': `must be one of ${SUPPORTED_RULES_VERSIONS.join(', ')}`,
        },
        description: { type: 'string' },
        defaults: { type: 'object', additionalProperties: false, properties: { recipient: RECIPIENT } },
        events: {
          type: 'object',
          propertyNames: {
            type: 'string',
            enum: known,
            'x-reason': `no contract for this event type (known: ${known.join(', ')})`,
          },
          additionalProperties: { type: 'array', items: RULE, 'x-reason': 'must be an array of rules' },
          'x-reason': 'must be a JSON object',
        },
      },
    },
    checkRules,
  );
}

function checkRules(doc: NotificationRulesFile): DataFileProblem[] {
  const problems: DataFileProblem[] = [];
  for (const [type, rules] of Object.entries(doc.events)) {
    const keys = rules.map((r) => r.templateKey);
    rules.forEach((rule, i) => {
      const at = (...rest: string[]) => pathOf(['events', type, i, ...rest]);
      // system.* (STOP/START/HELP replies) are sent by receipts alone; an event mapped to one would reach opted-out numbers' inboxes as a "reply".
      if (rule.templateKey.startsWith(SYSTEM_TEMPLATE_PREFIX))
        problems.push({
          path: at('templateKey'),
          reason: `${rule.templateKey}: system.* templates are sent by Herald itself, never mapped from events`,
        });
      if (keys.indexOf(rule.templateKey) !== i)
        problems.push({
          path: at('templateKey'),
          reason: `${rule.templateKey} appears twice (it is part of the message id)`,
        });
      if ((rule.recipient?.phone ?? doc.defaults?.recipient?.phone) === undefined)
        problems.push({ path: at('recipient', 'phone'), reason: 'is required (here or in defaults.recipient)' });
    });
  }
  return problems;
}

/** The validated file as the planner reads it: recipient paths merged over the defaults. */
export function toNotificationRules(doc: NotificationRulesFile): NotificationRules {
  const defaults = doc.defaults?.recipient ?? {};
  const events = new Map<string, readonly NotificationRule[]>();
  for (const [type, rules] of Object.entries(doc.events)) {
    events.set(
      type,
      rules.map((r): NotificationRule => ({
        ...r,
        recipient: { ...defaults, ...r.recipient } as RecipientPaths,
        secretPaths: r.secretPaths ?? [],
      })),
    );
  }
  return { version: doc.version, events };
}

/** Validates a parsed rules document; every problem is `events["order.placed"][0].category: reason`, the first one in the error. */
export function parseNotificationRules(
  doc: unknown,
  knownEventTypes: ReadonlySet<string>,
  label: string,
): NotificationRules {
  const outcome = notificationRulesSchema(knownEventTypes).validate(doc);
  if (!outcome.ok) throw dataFileError(RULES_FILE_KEY, label, outcome.problems);
  return toNotificationRules(outcome.value);
}
