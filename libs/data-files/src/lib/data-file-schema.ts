import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { pathOf, type DataFileProblem } from './data-file-problem';

/** A JSON Schema (draft 2020-12) node; `x-reason` is the reason reported when this node fails. */
export type DataFileJsonSchema = Record<string, unknown>;

export type DataFileOutcome<T> = { ok: true; value: T } | { ok: false; problems: DataFileProblem[] };

// Strict, except that a conditional `then` may require a property the parent declares, and a value may be `null` or an object.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });
ajv.addKeyword({ keyword: 'x-reason', schemaType: 'string' });

/**
 * A data file's declared shape, plus the rules a schema cannot say (duplicates, a time zone that
 * must exist, one field constraining another), checked only once the shape holds.
 */
export class DataFileSchema<T> {
  private readonly validateShape: ValidateFunction;

  constructor(
    schema: DataFileJsonSchema,
    private readonly check: (doc: T) => DataFileProblem[] = () => [],
  ) {
    this.validateShape = ajv.compile(schema);
  }

  validate(doc: unknown): DataFileOutcome<T> {
    if (!this.validateShape(doc)) return { ok: false, problems: problemsOf(this.validateShape.errors ?? []) };
    const problems = this.check(doc as T);
    return problems.length === 0 ? { ok: true, value: doc as T } : { ok: false, problems };
  }
}

function problemsOf(errors: readonly ErrorObject[]): DataFileProblem[] {
  // An anyOf/oneOf with an x-reason says what the value must be once, instead of each branch's failure.
  const composite = (e: ErrorObject) =>
    (e.keyword === 'anyOf' || e.keyword === 'oneOf') &&
    typeof (e.parentSchema as DataFileJsonSchema)['x-reason'] === 'string';
  const said = errors.filter(composite).map((e) => `${e.schemaPath}/`);
  const seen = new Set<string>();
  const out: DataFileProblem[] = [];
  for (const e of errors) {
    if (
      e.keyword === 'if' ||
      e.keyword === 'propertyNames' ||
      ((e.keyword === 'anyOf' || e.keyword === 'oneOf') && !composite(e))
    )
      continue;
    if (said.some((prefix) => e.schemaPath.startsWith(prefix))) continue;
    const problem = problemOf(e);
    const key = `${problem.path}\u0000${problem.reason}`;
    if (!seen.has(key)) out.push(problem);
    seen.add(key);
  }
  return out;
}

function problemOf(e: ErrorObject): DataFileProblem {
  const segments = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s): string | number => (/^\d+$/.test(s) ? Number(s) : s));
  // A key that breaks `propertyNames` is reported at the key itself.
  if (e.propertyName !== undefined) segments.push(e.propertyName);
  const reason = (e.parentSchema as DataFileJsonSchema | undefined)?.['x-reason'];
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    // A property declared `not: {}` is a retired key: it has its own reason and is not offered.
    const properties = ((e.parentSchema as DataFileJsonSchema).properties ?? {}) as Record<string, DataFileJsonSchema>;
    const known = Object.keys(properties).filter((k) => properties[k].not === undefined);
    return { path: pathOf([...segments, extra]), reason: `unknown key (expected one of ${known.join(', ')})` };
  }
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return { path: pathOf([...segments, missing]), reason: 'is required' };
  }
  // A value outside a closed list is named, so the line says what was written as well as what may be.
  const got = e.keyword === 'enum' || e.keyword === 'const' ? ` (got ${JSON.stringify(e.data)})` : '';
  if (typeof reason === 'string') return { path: pathOf(segments), reason: `${reason}${got}` };
  return { path: pathOf(segments), reason: e.message ?? 'is invalid' };
}
