import { DataFileSchema, pathOf } from '@herald/data-files';

/** What every carrier has, whatever its type: routing, pacing and the window. */
export interface CommonCarrierConfig {
  id: string;
  /** The plugin (`carriers/<type>/`) that speaks to it. */
  type: string;
  /** Most requests awaiting their answer (SMPP: submit_sm on the bind). */
  windowSize: number;
  /** Carrier MPS counted in billed segments per second; 0 = unlimited. */
  mpsSegments: number;
  /** ISO 3166-1 alpha-2 codes served, or '*' for any. */
  countries: '*' | string[];
  /** E.164 prefixes (`+91`) this carrier is limited to within its countries. */
  prefixes?: string[];
  /** Lower is tried first; failover goes up the list. */
  priority: number;
  /**
   * Opt-in: a final `undelivered` from this carrier sends the message again through the next
   * carrier serving the destination, as the same message id, while its TTL allows (one final receipt).
   */
  rerouteOnUndelivered?: boolean;
}

/** DISPATCH_CARRIERS_FILE as written: each entry is a common part plus its type's own fields. */
export interface CarriersFile {
  carriers: (CommonCarrierConfig & Record<string, unknown>)[];
}

export const CARRIERS_FILE_KEY = 'DISPATCH_CARRIERS_FILE';

/** Schema helpers with the one-line reasons the data-file loader reports. */
export const field = {
  text: (pattern?: RegExp, reason?: string) => ({
    type: 'string',
    pattern: pattern?.source ?? '\\S',
    'x-reason': reason ?? (pattern ? `must match ${pattern.source}` : 'must be a non-empty string'),
  }),
  int: (min: number, max: number) => ({
    type: 'integer',
    minimum: min,
    maximum: max,
    'x-reason': `must be an integer in [${min}, ${max}]`,
  }),
  oneOf: (values: readonly string[]) => ({ enum: values, 'x-reason': `must be one of ${values.join(', ')}` }),
  url: () => ({ type: 'string', pattern: '^https?://[^\\s]+$', 'x-reason': 'must be an http(s) URL' }),
  /** The NAME of the environment variable holding a secret; the value never sits in the file. */
  secretName: () => ({
    type: 'string',
    pattern: '^[A-Z][A-Z0-9_]*$',
    'x-reason': 'must be an env var NAME like CARRIER_TWILIO_AUTH_TOKEN',
  }),
};

const commonProperties = {
  id: field.text(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  windowSize: field.int(1, 1000),
  mpsSegments: field.int(0, 1_000_000),
  countries: {
    anyOf: [{ const: '*' }, { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Z]{2}$' } }],
    'x-reason': "must be '*' or a non-empty list of ISO 3166-1 alpha-2 codes",
  },
  prefixes: {
    type: 'array',
    items: { type: 'string', pattern: '^\\+\\d{1,6}$', 'x-reason': 'must be an E.164 prefix like "+91"' },
    'x-reason': 'must be a list of E.164 prefixes like "+91"',
  },
  priority: field.int(0, 1000),
  rerouteOnUndelivered: { type: 'boolean', 'x-reason': 'must be true or false' },
};
const commonRequired = ['id', 'type', 'windowSize', 'mpsSegments', 'countries', 'priority'];

/** A carrier type's own part of the schema (see CarrierPlugin.schema). */
export interface TypeSchema {
  type: string;
  required: readonly string[];
  properties: Record<string, object>;
}

/**
 * The carriers file's schema as a union discriminated by `type`: the common fields, then each
 * type's own, and no key that the entry's type does not know. Ids are unique across the file.
 */
export function carriersFileSchema(types: readonly TypeSchema[]): DataFileSchema<CarriersFile> {
  const carrier = {
    type: 'object',
    required: commonRequired,
    properties: { ...commonProperties, type: field.oneOf(types.map((t) => t.type)) },
    allOf: types.map((t) => ({
      if: { properties: { type: { const: t.type } }, required: ['type'] },
      then: {
        required: t.required,
        properties: { type: true, ...commonProperties, ...t.properties },
        additionalProperties: false,
      },
    })),
  };
  return new DataFileSchema<CarriersFile>(
    {
      type: 'object',
      required: ['carriers'],
      additionalProperties: false,
      properties: {
        carriers: { type: 'array', minItems: 1, items: carrier, 'x-reason': 'must list at least one carrier' },
      },
      'x-reason': 'the file must be { "carriers": [ ... ] }',
    },
    (doc) => {
      const ids = doc.carriers.map((c) => c.id);
      return ids.flatMap((id, i) =>
        ids.indexOf(id) !== i ? [{ path: pathOf(['carriers', i, 'id']), reason: `duplicate id "${id}"` }] : [],
      );
    },
  );
}
