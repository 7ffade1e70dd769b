import { createHash } from 'node:crypto';
import { HeraldError } from '@herald/contracts';

export const ApiScopes = ['events:write', 'notifications:write', 'admin'] as const;
export type ApiScope = (typeof ApiScopes)[number];

export const API_KEY_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const MIN_API_KEY_LENGTH = 16;

export interface ApiKeySeed {
  name: string;
  scopes: ApiScope[];
  plaintext: string;
}

export function isApiScope(value: string): value is ApiScope {
  return (ApiScopes as readonly string[]).includes(value);
}

/** Only the SHA-256 of a key is stored; the plaintext is shown once, when it is created. */
export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

/**
 * `name:scope1|scope2:plaintextkey[,...]`. Scopes contain a colon themselves (`events:write`), so the
 * name is what precedes the first colon and the key what follows the last one.
 */
export function parseApiKeySeeds(spec: string): ApiKeySeed[] {
  const seeds: ApiKeySeed[] = [];
  const entries = spec.split(',').map((e) => e.trim()).filter((e) => e.length > 0);
  entries.forEach((entry, i) => {
    const where = `INGEST_API_KEYS entry ${i + 1}`;
    const first = entry.indexOf(':');
    const last = entry.lastIndexOf(':');
    if (first < 0 || last === first) throw invalid(`${where} must be name:scope1|scope2:key`);
    const name = entry.slice(0, first);
    const plaintext = entry.slice(last + 1);
    const scopes = entry.slice(first + 1, last).split('|').filter((s) => s.length > 0);
    if (!API_KEY_NAME_PATTERN.test(name)) throw invalid(`${where}: name must match ${API_KEY_NAME_PATTERN.source}`);
    if (scopes.length === 0) throw invalid(`${where} (${name}): at least one scope is required`);
    const unknown = scopes.find((s) => !isApiScope(s));
    if (unknown !== undefined) throw invalid(`${where} (${name}): unknown scope ${unknown} (known: ${ApiScopes.join(', ')})`);
    if (plaintext.length < MIN_API_KEY_LENGTH) throw invalid(`${where} (${name}): key must be at least ${MIN_API_KEY_LENGTH} characters`);
    if (seeds.some((s) => s.name === name)) throw invalid(`${where}: name ${name} appears twice`);
    if (seeds.some((s) => s.plaintext === plaintext)) throw invalid(`${where} (${name}): the same key is given twice`);
    seeds.push({ name, scopes: [...new Set(scopes)] as ApiScope[], plaintext });
  });
  return seeds;
}

function invalid(message: string): HeraldError {
  return new HeraldError('CONFIG_INVALID', message);
}
