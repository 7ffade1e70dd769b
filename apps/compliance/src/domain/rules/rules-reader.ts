/**
 * A small checker for hand-edited JSON: every problem is reported with its path
 * (`quietHours[0].window.start: must be HH:MM`) and unknown keys are refused, so a typo in the
 * rules file fails the start instead of silently switching a rule off.
 */
export class RulesReader {
  readonly errors: string[] = [];

  fail(path: string, reason: string): undefined {
    this.errors.push(`${path}: ${reason}`);
    return undefined;
  }

  object(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(path, 'must be an object');
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!keys.includes(key)) this.fail(join(path, key), `unknown key (expected one of ${keys.join(', ')})`);
    return record;
  }

  record(value: unknown, path: string): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(path, 'must be an object');
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: string): unknown[] | undefined {
    return Array.isArray(value) ? value : this.fail(path, 'must be an array');
  }

  string(value: unknown, path: string, pattern?: RegExp, hint?: string): string | undefined {
    if (typeof value !== 'string' || value.length === 0) return this.fail(path, 'must be a non-empty string');
    if (pattern && !pattern.test(value)) return this.fail(path, hint ?? `must match ${pattern}`);
    return value;
  }

  strings(value: unknown, path: string, pattern?: RegExp, hint?: string): string[] | undefined {
    const list = this.array(value, path);
    if (!list) return undefined;
    const out = list.map((v, i) => this.string(v, `${path}[${i}]`, pattern, hint));
    return out.every((v): v is string => v !== undefined) ? out : undefined;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    return allowed.includes(value as T) ? (value as T) : this.fail(path, `must be one of ${allowed.join(', ')}`);
  }

  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return this.fail(path, `must be an integer from ${min} to ${max}`);
    }
    return value;
  }
}

export function join(path: string, key: string): string {
  return path === '' || path === '$' ? key : `${path}.${key}`;
}
