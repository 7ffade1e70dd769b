import type { DeclaredVariables } from './template';

export interface FieldProblem {
  field: string;
  reason: string;
}

export const MAX_DECLARED_VARIABLES = 50;
export const MAX_VARIABLE_LENGTH = 1000;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const UNSAFE = /(^|\.)(__proto__|prototype|constructor)(\.|$)/;
const KNOWN_KEYS = new Set(['maxLength', 'secret', 'sample']);
const ISO_DATE_OR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field-level problems of a `variables` map as an operator sent it; empty when it is valid. */
export function checkDeclaredVariables(raw: unknown): FieldProblem[] {
  if (!isRecord(raw))
    return [{ field: 'variables', reason: 'must be an object of name -> { maxLength, secret?, sample }' }];
  const entries = Object.entries(raw);
  if (entries.length > MAX_DECLARED_VARIABLES)
    return [{ field: 'variables', reason: `must declare at most ${MAX_DECLARED_VARIABLES} variables` }];
  const problems: FieldProblem[] = [];
  for (const [name, decl] of entries) {
    const field = `variables.${name}`;
    if (!NAME.test(name) || UNSAFE.test(name)) {
      problems.push({ field, reason: 'name must be a dotted identifier like customer.firstName' });
      continue;
    }
    if (!isRecord(decl)) {
      problems.push({ field, reason: 'must be an object { maxLength, secret?, sample }' });
      continue;
    }
    for (const key of Object.keys(decl))
      if (!KNOWN_KEYS.has(key)) problems.push({ field: `${field}.${key}`, reason: 'is not a known property' });
    const { maxLength, secret, sample } = decl;
    if (
      typeof maxLength !== 'number' ||
      !Number.isInteger(maxLength) ||
      maxLength < 1 ||
      maxLength > MAX_VARIABLE_LENGTH
    ) {
      problems.push({ field: `${field}.maxLength`, reason: `must be an integer from 1 to ${MAX_VARIABLE_LENGTH}` });
    }
    if (secret !== undefined && typeof secret !== 'boolean')
      problems.push({ field: `${field}.secret`, reason: 'must be a boolean' });
    if (sample === undefined || sample === null) problems.push({ field: `${field}.sample`, reason: 'is required' });
    else if (typeof sample === 'string' && typeof maxLength === 'number' && [...sample].length > maxLength) {
      problems.push({ field: `${field}.sample`, reason: `is longer than maxLength ${maxLength}` });
    }
  }
  return problems;
}

/** Whether `used` (a name the body reads) is covered by a declaration: itself, a parent or a child of it. */
export function isDeclared(used: string, declared: DeclaredVariables): boolean {
  return Object.keys(declared).some(
    (name) => used === name || used.startsWith(`${name}.`) || name.startsWith(`${used}.`),
  );
}

/**
 * The value a variable takes in a worst-case lint scenario. Text grows to `maxLength`; timestamps,
 * numbers and objects (money) keep their sample, since filters format them to a bounded length.
 */
export function maxLengthValue(sample: unknown, maxLength: number, fill: 'a' | 'sample'): unknown {
  if (typeof sample !== 'string' || ISO_DATE_OR_TIMESTAMP.test(sample)) return sample;
  const unit = fill === 'a' || sample.length === 0 ? ['a'] : [...sample];
  return Array.from({ length: maxLength }, (_, i) => unit[i % unit.length]).join('');
}
