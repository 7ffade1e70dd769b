import { HeraldError, type BrandRegistry } from '@herald/contracts';
import { MAPPING_PACKS, type MappingPack } from './mapping-packs';
import { Platforms, type Platform } from './platform';

/** One shop's webhook endpoint: POST /v1/sources/<id>. */
export interface WebhookSource {
  id: string;
  platform: Platform;
  /** The name of its secret(s) in INGEST_SOURCE_SECRETS: the file holds no secret itself. */
  secretRef: string;
  brand: string;
  pack: MappingPack;
}

export interface SourceRegistry {
  version: number;
  sources: ReadonlyMap<string, WebhookSource>;
}

export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

type Json = Record<string, unknown>;

/** The sources file (config/sources.v1.json), validated against the mapping packs and the brands file. */
export function parseSourceRegistry(doc: unknown, file: string, brands: BrandRegistry): SourceRegistry {
  const fail = (what: string): never => {
    throw new HeraldError('CONFIG_INVALID', `sources file ${file}: ${what}`);
  };
  if (doc === null || typeof doc !== 'object') return fail('must be a JSON object');
  const { version, sources } = doc as Json;
  if (version !== 1) fail('version must be 1');
  if (sources === null || typeof sources !== 'object' || Array.isArray(sources))
    return fail('sources must be an object of source id -> source');
  const out = new Map<string, WebhookSource>();
  for (const [id, raw] of Object.entries(sources as Json)) {
    const at = `sources.${id}`;
    if (!SOURCE_ID_PATTERN.test(id)) fail(`${at}: the id must be lower-case letters, digits and '-' (at most 64)`);
    const s = (raw ?? {}) as Json;
    if (!Platforms.includes(s['platform'] as Platform)) fail(`${at}.platform must be one of ${Platforms.join(', ')}`);
    if (typeof s['secret'] !== 'string' || !SOURCE_ID_PATTERN.test(s['secret']))
      fail(`${at}.secret must name an entry of INGEST_SOURCE_SECRETS`);
    if (typeof s['brand'] !== 'string' || !brands.has(s['brand']))
      fail(`${at}.brand must be a brand of HERALD_BRANDS_FILE`);
    const pack = MAPPING_PACKS.get(String(s['mappingPack']));
    if (pack === undefined) return fail(`${at}.mappingPack must be one of ${[...MAPPING_PACKS.keys()].join(', ')}`);
    if (pack.platform !== s['platform'])
      fail(`${at}.mappingPack ${pack.name} maps ${pack.platform} webhooks, not ${String(s['platform'])}`);
    out.set(id, {
      id,
      platform: s['platform'] as Platform,
      secretRef: s['secret'] as string,
      brand: s['brand'] as string,
      pack,
    });
  }
  return { version: 1, sources: out };
}

/**
 * INGEST_SOURCE_SECRETS: `ref:secret,ref:secret2,...`. A ref listed twice holds two secrets, both
 * accepted (rotation: add the new one, switch the platform over, remove the old one).
 */
export function parseSourceSecrets(spec: string): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const entry of spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const ref = colon > 0 ? entry.slice(0, colon) : '';
    const secret = entry.slice(colon + 1);
    if (!SOURCE_ID_PATTERN.test(ref) || secret.length < 8) {
      throw new HeraldError(
        'CONFIG_INVALID',
        'INGEST_SOURCE_SECRETS must be ref:secret pairs separated by commas, each secret at least 8 characters',
      );
    }
    out.set(ref, [...(out.get(ref) ?? []), secret]);
  }
  return out;
}
