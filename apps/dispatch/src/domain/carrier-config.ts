import { HeraldError } from '@herald/contracts';

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

type Raw = Record<string, unknown>;

const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
const COUNTRY = /^[A-Z]{2}$/;
const PREFIX = /^\+\d{1,6}$/;
const HEADER = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** Parses the carriers file (`{ "carriers": [...] }`); the first problem names the carrier and field. */
export function parseCarriersFile(json: unknown): CarrierConfig[] {
  const list = isObject(json) && Array.isArray(json.carriers) ? json.carriers : undefined;
  if (list === undefined) throw invalid('carriers', 'the file must be { "carriers": [ ... ] }');
  if (list.length === 0) throw invalid('carriers', 'at least one carrier is required');
  const carriers = list.map((raw, i) => parseCarrier(raw, `carriers[${i}]`));
  const ids = new Set<string>();
  for (const c of carriers) {
    if (ids.has(c.id)) throw invalid(`carriers.${c.id}`, 'duplicate id');
    ids.add(c.id);
  }
  return carriers;
}

function parseCarrier(raw: unknown, at: string): CarrierConfig {
  if (!isObject(raw)) throw invalid(at, 'must be an object');
  const id = str(raw, 'id', at, ID);
  const where = `carriers.${id}`;
  const type = oneOf(raw, 'type', where, ['smpp', 'http'] as const);
  const smpp = type === 'smpp';
  const config: CarrierConfig = {
    id,
    type,
    host: smpp ? str(raw, 'host', where) : optStr(raw, 'host', where) ?? '',
    port: smpp ? int(raw, 'port', where, 1, 65535) : 0,
    systemId: smpp ? str(raw, 'systemId', where) : optStr(raw, 'systemId', where) ?? '',
    windowSize: int(raw, 'windowSize', where, 1, 1000),
    mpsSegments: int(raw, 'mpsSegments', where, 0, 1_000_000),
    countries: countries(raw.countries, where),
    priority: int(raw, 'priority', where, 0, 1000),
    concat: raw.concat === undefined ? 'udh' : oneOf(raw, 'concat', where, ['udh', 'sar'] as const),
  };
  if (!smpp) config.url = url(raw, where);
  const passwordEnv = optStr(raw, 'passwordEnv', where);
  if (passwordEnv !== undefined && !ENV_NAME.test(passwordEnv)) throw invalid(`${where}.passwordEnv`, 'must be an env var NAME like DISPATCH_SMPP_PASSWORD');
  if (passwordEnv !== undefined) config.passwordEnv = passwordEnv;
  const systemType = optStr(raw, 'systemType', where);
  if (systemType !== undefined) config.systemType = systemType;
  if (raw.prefixes !== undefined) config.prefixes = prefixes(raw.prefixes, where);
  if (raw.idempotencyKeyHeader !== undefined) {
    if (smpp) throw invalid(`${where}.idempotencyKeyHeader`, 'applies to http carriers only');
    config.idempotencyKeyHeader = str(raw, 'idempotencyKeyHeader', where, HEADER);
  }
  if (raw.acceptdAs !== undefined) config.acceptdAs = oneOf(raw, 'acceptdAs', where, ['enroute', 'delivered'] as const);
  return config;
}

function countries(value: unknown, where: string): '*' | string[] {
  if (value === '*') return '*';
  if (!Array.isArray(value) || value.length === 0 || !value.every((c) => typeof c === 'string' && COUNTRY.test(c))) {
    throw invalid(`${where}.countries`, "must be '*' or a non-empty list of ISO 3166-1 alpha-2 codes");
  }
  return value as string[];
}

function prefixes(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((p) => typeof p === 'string' && PREFIX.test(p))) {
    throw invalid(`${where}.prefixes`, 'must be a list of E.164 prefixes like "+91"');
  }
  return value as string[];
}

function url(raw: Raw, where: string): string {
  const value = str(raw, 'url', where);
  if (!/^https?:\/\/[^\s]+$/.test(value)) throw invalid(`${where}.url`, 'must be an http(s) URL');
  return value;
}

function str(raw: Raw, key: string, where: string, pattern?: RegExp): string {
  const value = raw[key];
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${where}.${key}`, 'is required');
  if (pattern !== undefined && !pattern.test(value)) throw invalid(`${where}.${key}`, `must match ${pattern.source}`);
  return value;
}

function optStr(raw: Raw, key: string, where: string): string | undefined {
  return raw[key] === undefined ? undefined : str(raw, key, where);
}

function int(raw: Raw, key: string, where: string, min: number, max: number): number {
  const value = raw[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${where}.${key}`, `must be an integer in [${min}, ${max}]`);
  }
  return value;
}

function oneOf<T extends string>(raw: Raw, key: string, where: string, values: readonly T[]): T {
  const value = raw[key];
  if (typeof value !== 'string' || !values.includes(value as T)) throw invalid(`${where}.${key}`, `must be one of ${values.join(', ')}`);
  return value as T;
}

function isObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(field: string, reason: string): HeraldError {
  return new HeraldError('CONFIG_INVALID', `carriers file: ${field} ${reason}`, { details: { field, reason } });
}
