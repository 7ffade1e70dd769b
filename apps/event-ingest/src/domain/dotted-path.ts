// Dotted paths (`customer.phone`, `items.0.name`) into plain JSON objects, as the rules file names them.

export const DOTTED_PATH_PATTERN = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

export function getPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split('.')) {
    if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/**
 * A deep copy of parsed JSON (objects, arrays, primitives). structuredClone serializes and was 3.5%
 * of event-ingest's CPU in the pipeline bench; event data never holds anything JSON cannot.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Json = {};
  for (const key of Object.keys(value)) {
    const v = cloneJson((value as Json)[key]);
    // JSON.parse makes "__proto__" an own key; an assignment would set the copy's prototype instead.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}

/** A deep copy of `root` without the given paths; the input is left untouched. */
export function omitPaths(root: Json, paths: readonly string[]): Json {
  const copy = cloneJson(root);
  for (const path of paths) {
    const parts = path.split('.');
    const holder = parts.length === 1 ? copy : getPath(copy, parts.slice(0, -1).join('.'));
    if (isRecord(holder)) delete holder[parts[parts.length - 1]];
  }
  return copy;
}

/** Only the given paths that exist, in the same nested shape (`otp.code` -> `{ otp: { code } }`). */
export function pickPaths(root: Json, paths: readonly string[]): { picked: Json; found: string[] } {
  const picked: Json = {};
  const found: string[] = [];
  for (const path of paths) {
    const value = getPath(root, path);
    if (value === undefined) continue;
    found.push(path);
    const parts = path.split('.');
    let node = picked;
    for (const part of parts.slice(0, -1)) {
      if (!isRecord(node[part])) node[part] = {};
      node = node[part] as Json;
    }
    node[parts[parts.length - 1]] = cloneJson(value);
  }
  return { picked, found };
}

/** Dotted paths of every non-object leaf: `{ otp: { code: 1 } }` -> `['otp.code']`. */
export function leafPaths(root: Json, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(root)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value) && !Array.isArray(value) && Object.keys(value).length > 0) out.push(...leafPaths(value, path));
    else out.push(path);
  }
  return out;
}
