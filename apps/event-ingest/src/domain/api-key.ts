import { createHash } from 'node:crypto';
import { ALL_BRANDS, BRAND_ID_PATTERN, HeraldError } from '@herald/contracts';

export const ApiScopes = ['events:write', 'notifications:write', 'admin'] as const;
export type ApiScope = (typeof ApiScopes)[number];

export const API_KEY_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const MIN_API_KEY_LENGTH = 16;

export interface ApiKeySeed {
  name: string;
  scopes: ApiScope[];
  /** Brand ids the key may send for (`*`: all); empty: the default brand only. */
  brands: string[];
  plaintext: string;
}

/** A brand an API key may list: a brand id or `*` (every configured brand). */
export function isKeyBrand(value: string): boolean {
  return value === ALL_BRANDS || BRAND_ID_PATTERN.test(value);
}

export function isApiScope(value: string): value is ApiScope {
  return (ApiScopes as readonly string[]).includes(value);
}

/** Only the SHA-256 of a key is stored; the plaintext is shown once, when it is created. */
export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

/**
 * `name[@brand1|brand2]:scope1|scope2:plaintextkey[,...]`. Scopes contain a colon themselves
 * (`events:write`), so the name is what precedes the first colon and the key what follows the last
 * one. `isBrand` tells which brand ids the brands file knows.
 */
export function parseApiKeySeeds(spec: string, isBrand: (id: string) => boolean = () => true): ApiKeySeed[] {
  const seeds: ApiKeySeed[] = [];
  const entries = spec
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  entries.forEach((entry, i) => {
    const where = `INGEST_API_KEYS entry ${i + 1}`;
    const first = entry.indexOf(':');
    const last = entry.lastIndexOf(':');
    if (first < 0 || last === first) throw invalid(`${where} must be name:scope1|scope2:key`);
    const [name, brandList] = splitBrands(entry.slice(0, first));
    const brands = brandList === undefined ? [] : [...new Set(brandList.split('|'))];
    const plaintext = entry.slice(last + 1);
    const scopes = entry
      .slice(first + 1, last)
      .split('|')
      .filter((s) => s.length > 0);
    if (!API_KEY_NAME_PATTERN.test(name)) throw invalid(`${where}: name must match ${API_KEY_NAME_PATTERN.source}`);
    if (scopes.length === 0) throw invalid(`${where} (${name}): at least one scope is required`);
    const unknown = scopes.find((s) => !isApiScope(s));
    if (unknown !== undefined)
      throw invalid(`${where} (${name}): unknown scope ${unknown} (known: ${ApiScopes.join(', ')})`);
    const badBrand = brands.find((b) => !isKeyBrand(b) || (b !== ALL_BRANDS && !isBrand(b)));
    if (brandList !== undefined && (brands.length === 0 || badBrand !== undefined)) {
      throw invalid(`${where} (${name}): brand ${badBrand ?? '(none)'} is not a brand of HERALD_BRANDS_FILE (or *)`);
    }
    if (plaintext.length < MIN_API_KEY_LENGTH)
      throw invalid(`${where} (${name}): key must be at least ${MIN_API_KEY_LENGTH} characters`);
    if (seeds.some((s) => s.name === name)) throw invalid(`${where}: name ${name} appears twice`);
    if (seeds.some((s) => s.plaintext === plaintext)) throw invalid(`${where} (${name}): the same key is given twice`);
    seeds.push({ name, scopes: [...new Set(scopes)] as ApiScope[], brands, plaintext });
  });
  return seeds;
}

function splitBrands(head: string): [string, string | undefined] {
  const at = head.indexOf('@');
  return at < 0 ? [head, undefined] : [head.slice(0, at), head.slice(at + 1)];
}

function invalid(message: string): HeraldError {
  return new HeraldError('CONFIG_INVALID', message);
}
