import { HeraldError } from '@herald/contracts';
import { getPath, type RenderContext } from './render-context';
import type { DeclaredVariables } from './template';

type DeclaredType = 'text' | 'number' | 'boolean' | 'list' | 'object';

/** The type a declaration promises, read from its sample (the lint and the preview use the same sample). */
export function declaredType(sample: unknown): DeclaredType {
  if (typeof sample === 'string') return 'text';
  if (typeof sample === 'number') return 'number';
  if (typeof sample === 'boolean') return 'boolean';
  if (Array.isArray(sample)) return 'list';
  return 'object';
}

function actualType(value: unknown): DeclaredType | undefined {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number' && Number.isFinite(value)) return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object' && value !== null) return 'object';
  return undefined;
}

// A number prints the same as its digits, so a text variable may carry one (orderId 10023).
const ACCEPTS: Record<DeclaredType, readonly DeclaredType[]> = {
  text: ['text', 'number'],
  number: ['number'],
  boolean: ['boolean'],
  list: ['list'],
  object: ['object'],
};

/**
 * Enforces the save-time promises at render time: each declared variable present in the context has
 * the declared type and, for text and numbers, at most `maxLength` characters as printed. Absent
 * ones are left to the engine's strict mode. Throws VARIABLE_INVALID naming the variable, never its
 * value (it may be a secret): the message is failed, never sent longer than the lint measured.
 */
export function checkVariables(declared: DeclaredVariables, context: RenderContext, label: string): void {
  for (const [name, decl] of Object.entries(declared)) {
    const value = getPath(context, name);
    if (value === undefined || value === null) continue;
    const expected = declaredType(decl.sample);
    const actual = actualType(value);
    if (actual === undefined || !ACCEPTS[expected].includes(actual)) {
      throw invalid(`${label}: variable ${name} must be ${expected}, the event has ${actual ?? typeof value}`, name);
    }
    if (actual === 'text' || actual === 'number') {
      const length = [...String(value)].length;
      if (length > decl.maxLength)
        throw invalid(
          `${label}: variable ${name} has ${length} characters, more than its maxLength ${decl.maxLength}`,
          name,
        );
    }
  }
}

function invalid(message: string, variable: string): HeraldError {
  return new HeraldError('VARIABLE_INVALID', message, { details: { variable } });
}
