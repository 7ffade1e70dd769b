import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// The official AsyncAPI 3.0.0 JSON Schema from @asyncapi/specs (the schema @asyncapi/parser
// validates with). It bundles the draft-07 meta-schemas, which ajv already has: drop them, as the
// parser does. The parser itself is not used: with this repo's ajv 8.17.1 hoisted, its ajv-errors
// plugin binds to a different ajv than spectral-core and fails to compile (see the final report).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const specs = require('@asyncapi/specs') as { schemas: Record<string, { definitions: Record<string, unknown> }> };

let validator: ValidateFunction | undefined;

export function asyncApi3Validator(): ValidateFunction {
  if (validator) return validator;
  const schema = structuredClone(specs.schemas['3.0.0']);
  delete schema.definitions['http://json-schema.org/draft-07/schema'];
  delete schema.definitions['http://json-schema.org/draft-04/schema'];
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validator = ajv.compile(schema);
  return validator;
}

/** Every local `$ref` in the document, with the ones that point nowhere. */
export function unresolvedRefs(doc: unknown): string[] {
  const refs: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v))
        if (k === '$ref' && typeof child === 'string') refs.push(child);
        else walk(child);
    }
  };
  walk(doc);
  return refs.filter((r) => resolveRef(doc, r) === undefined);
}

export function resolveRef(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((o, s) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[s] : undefined), doc);
}
