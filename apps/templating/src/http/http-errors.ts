import { getMetadataStorage } from 'class-validator';
import { validateAs } from '@herald/contracts';
import { ApiError, type FieldProblem } from '@herald/service-kit';

/** Validates `plain` against a class-validator class; unknown properties are errors too (typos). */
export function parseRequest<T extends object>(cls: new () => T, plain: unknown): T {
  const fields: FieldProblem[] = [];
  const result = validateAs(cls, plain ?? {});
  if (!result.ok) fields.push(...result.errors.map(({ field, reason }) => ({ field, reason })));
  if (typeof plain === 'object' && plain !== null && !Array.isArray(plain)) {
    const known = new Set(Object.keys(new cls()).concat(declaredFields(cls)));
    for (const key of Object.keys(plain))
      if (!known.has(key)) fields.push({ field: key, reason: 'is not a known property' });
  }
  if (fields.length > 0 || !result.ok) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      `invalid request: ${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}`,
      fields,
    );
  }
  return result.value;
}

function declaredFields(cls: new () => object): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .map((m) => m.propertyName);
}
