export type RenderContext = Record<string, unknown>;

// Keys that would reach Object.prototype through a merge; event data never needs them.
const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `overlay` wins; nested objects merge key by key, arrays and scalars are replaced. Inputs are not mutated. */
export function deepMerge(base: RenderContext, overlay: RenderContext): RenderContext {
  const out: RenderContext = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  for (const key of UNSAFE_KEYS) delete out[key];
  return out;
}

/** Sets `customer.firstName` as `{ customer: { firstName } }`, keeping siblings. */
export function setPath(target: RenderContext, dotted: string, value: unknown): RenderContext {
  const [head, ...rest] = dotted.split('.');
  if (UNSAFE_KEYS.has(head)) return target;
  if (rest.length === 0) return { ...target, [head]: value };
  const child = isPlainObject(target[head]) ? (target[head] as RenderContext) : {};
  return { ...target, [head]: setPath(child, rest.join('.'), value) };
}

export function getPath(source: RenderContext, dotted: string): unknown {
  let current: unknown = source;
  for (const part of dotted.split('.')) {
    if (!isPlainObject(current) || !Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = current[part];
  }
  return current;
}

export interface ContextSources {
  /** The event's `data` as sms.requested.v1 carries it, without the secret variables. */
  variables: RenderContext;
  /** The decrypted `secretsEnc`, e.g. `{ otp: { code } }`. */
  secrets?: RenderContext;
  /** The display name of the message's brand, from the brands file. */
  brand: string;
}

/**
 * `{{ brand }}` is always the configured display name of the message's brand: a variable or secret
 * named `brand` never overrides it, so no caller can make a message (a STOP confirmation, a HELP
 * reply) speak for a brand it was not sent as.
 */
export function buildRenderContext({ variables, secrets, brand }: ContextSources): RenderContext {
  return { ...deepMerge(variables, secrets ?? {}), brand };
}
