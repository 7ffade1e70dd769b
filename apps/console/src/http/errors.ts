import { HttpException } from '@nestjs/common';

export interface FieldReason {
  field: string;
  reason: string;
}

/** The services' error shape: `{ error, message, fields: [{ field, reason }] }`. */
export function httpError(status: number, error: string, message: string, fields: FieldReason[] = []): HttpException {
  return new HttpException({ error, message, fields }, status);
}

export const badRequest = (message: string, fields: FieldReason[]) => httpError(400, 'BAD_REQUEST', message, fields);

type Rule = (value: unknown) => string | undefined;

export const required: Rule = (v) => (v === undefined || v === null || v === '' ? 'is required' : undefined);
export const text =
  (max: number): Rule =>
  (v) =>
    v === undefined
      ? undefined
      : typeof v !== 'string'
        ? 'must be a string'
        : v.length > max
          ? `must be at most ${max} characters`
          : undefined;
export const matches =
  (re: RegExp, reason: string): Rule =>
  (v) =>
    v === undefined || (typeof v === 'string' && re.test(v)) ? undefined : reason;
export const oneOf =
  (values: readonly string[]): Rule =>
  (v) =>
    v === undefined || values.includes(v as string) ? undefined : `must be one of ${values.join(', ')}`;
export const integer =
  (min: number, max: number): Rule =>
  (v) =>
    v === undefined || (Number.isInteger(v) && (v as number) >= min && (v as number) <= max)
      ? undefined
      : `must be an integer ${min}-${max}`;

/** Checks `body` against `rules` (every rule of a field, first failure reported); 400 with every failing field. */
export function validate<T>(body: unknown, rules: Record<string, Rule[]>): T {
  const obj = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const fields: FieldReason[] = [];
  for (const [field, checks] of Object.entries(rules)) {
    for (const check of checks) {
      const reason = check(obj[field]);
      if (reason) {
        fields.push({ field, reason });
        break;
      }
    }
  }
  if (fields.length > 0) throw badRequest(`invalid ${fields.map((f) => f.field).join(', ')}`, fields);
  return obj as T;
}
