import { DataFileSchema, dataFileError, pathOf } from '@herald/data-files';

export type CarrierType = 'smpp' | 'http';
export type ConcatMode = 'udh' | 'sar';

/** One carrier as configured in carriers.v1.json; secrets are named (`passwordEnv`), never inlined. */
export interface CarrierConfig {
  id: string;
  type: CarrierType;
  /** SMPP: the SMSC address. */
  host: string;
  port: number;
  systemId: string;
  systemType?: string;
  /** HTTP: the aggregator's send endpoint. */
  url?: string;
  /** Name of the config key holding the SMPP password or the HTTP bearer token. */
  passwordEnv?: string;
  /** Most submit_sm awaiting their response on the bind (HTTP: concurrent requests). */
  windowSize: number;
  /** Carrier MPS counted in segments per second; 0 = unlimited. */
  mpsSegments: number;
  /** ISO 3166-1 alpha-2 codes served, or '*' for any. */
  countries: '*' | string[];
  /** E.164 prefixes (`+91`) this carrier is limited to within its countries. */
  prefixes?: string[];
  /** Lower is tried first; failover goes up the list. */
  priority: number;
  concat: ConcatMode;
  /**
   * HTTP: the header the aggregator deduplicates on (e.g. `Idempotency-Key`); the message id is sent
   * in it. Only then is a request that got no answer retried; without it, it is ambiguous.
   */
  idempotencyKeyHeader?: string;
  /** How receipts should read this carrier's ACCEPTD (kept here so the file stays the one source). */
  acceptdAs?: 'enroute' | 'delivered';
}

/** DISPATCH_CARRIERS_FILE as written: the config above before defaults (SMPP fields on HTTP carriers, concat). */
export interface CarriersFile {
  carriers: (Omit<CarrierConfig, 'host' | 'port' | 'systemId' | 'concat'> &
    Partial<Pick<CarrierConfig, 'host' | 'port' | 'systemId' | 'concat'>>)[];
}

export const CARRIERS_FILE_KEY = 'DISPATCH_CARRIERS_FILE';

const text = (pattern?: RegExp, reason?: string) => ({
  type: 'string',
  pattern: pattern?.source ?? '\\S',
  'x-reason': reason ?? (pattern ? `must match ${pattern.source}` : 'must be a non-empty string'),
});
const int = (min: number, max: number) => ({
  type: 'integer',
  minimum: min,
  maximum: max,
  'x-reason': `must be an integer in [${min}, ${max}]`,
});
const oneOf = (values: readonly string[]) => ({ enum: values, 'x-reason': `must be one of ${values.join(', ')}` });

const carrier = {
  type: 'object',
  required: ['id', 'type', 'windowSize', 'mpsSegments', 'countries', 'priority'],
  additionalProperties: false,
  properties: {
    id: text(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    type: oneOf(['smpp', 'http']),
    host: text(),
    port: int(1, 65535),
    systemId: text(),
    systemType: text(),
    url: text(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL'),
    passwordEnv: text(/^[A-Z][A-Z0-9_]*$/, 'must be an env var NAME like DISPATCH_SMPP_PASSWORD'),
    windowSize: int(1, 1000),
    mpsSegments: int(0, 1_000_000),
    countries: {
      anyOf: [{ const: '*' }, { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Z]{2}$' } }],
      'x-reason': "must be '*' or a non-empty list of ISO 3166-1 alpha-2 codes",
    },
    prefixes: {
      type: 'array',
      items: { type: 'string', pattern: '^\\+\\d{1,6}$', 'x-reason': 'must be an E.164 prefix like "+91"' },
      'x-reason': 'must be a list of E.164 prefixes like "+91"',
    },
    priority: int(0, 1000),
    concat: oneOf(['udh', 'sar']),
    idempotencyKeyHeader: text(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/),
    acceptdAs: oneOf(['enroute', 'delivered']),
  },
  allOf: [
    {
      if: { properties: { type: { const: 'smpp' } } },
      then: {
        required: ['host', 'port', 'systemId'],
        properties: { idempotencyKeyHeader: { not: {}, 'x-reason': 'applies to http carriers only' } },
      },
    },
    { if: { properties: { type: { const: 'http' } } }, then: { required: ['url'] } },
  ],
};

/** The carriers file's declared shape (`{ "carriers": [...] }`) and its one cross-carrier rule: unique ids. */
export const carriersFileSchema = new DataFileSchema<CarriersFile>(
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

/** The validated file's carriers with their defaults: an HTTP carrier has no SMPP address, concat is udh. */
export function toCarrierConfigs(doc: CarriersFile): CarrierConfig[] {
  return doc.carriers.map((c) => ({
    ...c,
    host: c.host ?? '',
    port: c.type === 'smpp' ? (c.port as number) : 0,
    systemId: c.systemId ?? '',
    concat: c.concat ?? 'udh',
  }));
}

/** Validates a parsed carriers file; every problem is reported as `carriers[i].field: reason`. */
export function parseCarriersFile(json: unknown, file = 'the carriers file'): CarrierConfig[] {
  const outcome = carriersFileSchema.validate(json);
  if (!outcome.ok) throw dataFileError(CARRIERS_FILE_KEY, file, outcome.problems);
  return toCarrierConfigs(outcome.value);
}
