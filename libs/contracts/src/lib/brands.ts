import { HeraldError } from './errors';

/** The brand of an opt-out that covers every brand (STOPALL), as sms.optouts.v1 carries it. */
export const ALL_BRANDS = '*';

/** A brand id: what events, API keys, opt-outs and templates name. */
export const BRAND_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const MAX_DISPLAY_NAME = 64;
const SENDER_PATTERN = /^\+?[0-9]{3,15}$|^[A-Za-z0-9 ]{1,11}$/;

export interface BrandSpec {
  /** What a template prints for `{{ brand }}`. */
  displayName: string;
  /** Short codes, long numbers (E.164) and alphanumeric sender ids the brand sends from and receives MO on. */
  senders: string[];
}

/** `config/brands.v1.json`: the brands Herald may send for; anything else is refused at the edge. */
export interface BrandsFile {
  version: 1;
  description?: string;
  /** The brand of a request or event that names none. */
  defaultBrand: string;
  brands: Record<string, BrandSpec>;
}

/** Carriers hand MO destinations over as `+1202...`, `1202...` or `36111`; compare them without `+`, spaces or case. */
export function normalizeSender(sender: string): string {
  return sender.replace(/[\s+\-()]/g, '').toUpperCase();
}

export class BrandRegistry {
  private readonly bySender = new Map<string, string[]>();

  constructor(private readonly file: BrandsFile) {
    for (const [id, spec] of Object.entries(file.brands)) {
      for (const sender of spec.senders) {
        const key = normalizeSender(sender);
        this.bySender.set(key, [...(this.bySender.get(key) ?? []), id]);
      }
    }
  }

  get defaultBrand(): string {
    return this.file.defaultBrand;
  }

  get ids(): string[] {
    return Object.keys(this.file.brands);
  }

  has(id: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.file.brands, id);
  }

  /** Throws UNKNOWN_BRAND for a brand that is not configured. */
  displayName(id: string): string {
    if (!this.has(id)) throw new HeraldError('UNKNOWN_BRAND', `brand ${id} is not in the brands file`);
    return this.file.brands[id].displayName;
  }

  /** Every brand that sends from this number or id (a shared short code has several); empty if none. */
  brandsForSender(sender: string): string[] {
    return [...(this.bySender.get(normalizeSender(sender)) ?? [])];
  }
}

/** Validates the brands file once, at start; every problem is one CONFIG_INVALID naming the field. */
export function parseBrands(raw: unknown, where = 'brands file'): BrandRegistry {
  const fail = (reason: string): never => {
    throw new HeraldError('CONFIG_INVALID', `${where}: ${reason}`);
  };
  if (!isRecord(raw)) return fail('must be a JSON object');
  for (const key of Object.keys(raw))
    if (!['version', 'description', 'defaultBrand', 'brands'].includes(key)) fail(`${key} is not a known key`);
  if (raw.version !== 1) fail('version must be 1');
  if (!isRecord(raw.brands) || Object.keys(raw.brands).length === 0)
    fail('brands must map at least one brand id to { displayName, senders }');
  const brands: Record<string, BrandSpec> = {};
  for (const [id, spec] of Object.entries(raw.brands as Record<string, unknown>)) {
    const at = `brands.${id}`;
    if (!BRAND_ID_PATTERN.test(id)) fail(`${at}: the id must be lowercase letters, digits and dashes (1-64)`);
    if (!isRecord(spec)) return fail(`${at} must be an object { displayName, senders }`);
    for (const key of Object.keys(spec))
      if (key !== 'displayName' && key !== 'senders') fail(`${at}.${key} is not a known key`);
    const { displayName, senders } = spec;
    if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > MAX_DISPLAY_NAME) {
      fail(`${at}.displayName must be 1-${MAX_DISPLAY_NAME} characters`);
    }
    if (!Array.isArray(senders) || senders.some((s) => typeof s !== 'string' || !SENDER_PATTERN.test(s))) {
      fail(`${at}.senders must be a list of short codes, E.164 numbers or alphanumeric ids (1-11 characters)`);
    }
    brands[id] = { displayName: displayName as string, senders: senders as string[] };
  }
  if (typeof raw.defaultBrand !== 'string' || !Object.prototype.hasOwnProperty.call(brands, raw.defaultBrand)) {
    fail('defaultBrand must be one of the brands');
  }
  return new BrandRegistry({ version: 1, defaultBrand: raw.defaultBrand as string, brands });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
