import { ClassConstructor, ClassTransformOptions, plainToInstance } from 'class-transformer';
import { ValidationError, ValidatorOptions, validateSync } from 'class-validator';
import { HeraldError } from './errors';
import { PayloadOf, TopicSchemas } from './topic-schemas';
import { TopicName } from './topics';
import { validateCompiled } from './compiled-validation';
import type { FieldError, ValidationResult } from './validation-result';

export type { FieldError, ValidationResult } from './validation-result';

const TRANSFORM_OPTIONS: ClassTransformOptions = {};
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: false,
  forbidUnknownValues: false,
  validationError: { target: false, value: true },
};

// ValidateNested repeats what IsObject already said about a non-object, in worse words.
const NESTED = 'nestedValidation';

export function validateAs<T extends object>(cls: ClassConstructor<T>, plain: unknown): ValidationResult<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '$', reason: 'must be a JSON object', constraint: 'isObject' }] };
  }
  const value = plainToInstance(cls, plain, TRANSFORM_OPTIONS);
  const failures = validateSync(value, VALIDATOR_OPTIONS);
  if (failures.length === 0) return { ok: true, value };
  const errors: FieldError[] = [];
  for (const failure of failures) flatten(failure, '', errors);
  return { ok: false, errors };
}

/**
 * Checks a topic's payload with the compiled validator (same rules as the DTO, see
 * compiled-validation). Only a rejected payload takes the slow class-validator path, for its
 * human field messages.
 */
export function validateTopicPayload<T extends TopicName>(topic: T, plain: unknown): ValidationResult<PayloadOf<T>> {
  const fast = validateCompiled(topic, plain);
  if (fast.ok) return fast;
  const detailed = validateTopicPayloadAsClass(topic, plain);
  return detailed.ok ? fast : detailed;
}

/** The same check through class-validator: instances of the DTO class, human field messages. */
export function validateTopicPayloadAsClass<T extends TopicName>(
  topic: T,
  plain: unknown,
): ValidationResult<PayloadOf<T>> {
  const cls: ClassConstructor<PayloadOf<T>> = TopicSchemas[topic];
  return validateAs(cls, plain);
}

/** Validates or throws a non-retriable CONTRACT_VIOLATION whose details list every field error. */
export function parseTopicPayload<T extends TopicName>(topic: T, plain: unknown): PayloadOf<T> {
  const result = validateTopicPayload(topic, plain);
  if (result.ok) return result.value;
  const summary = result.errors.map((e) => `${e.field} ${e.reason}`).join('; ');
  throw new HeraldError('CONTRACT_VIOLATION', `${topic}: ${summary}`, { details: { topic, errors: result.errors } });
}

function flatten(error: ValidationError, parent: string, out: FieldError[]): void {
  const field = parent ? `${parent}.${error.property}` : error.property;
  if (error.constraints) {
    // A missing field fails every constraint on it; one "is required" says it better than five messages.
    if (error.value === undefined || error.value === null) {
      out.push({ field, reason: 'is required', constraint: 'isDefined' });
    } else {
      for (const [constraint, message] of Object.entries(error.constraints)) {
        if (constraint === NESTED && Object.keys(error.constraints).length > 1) continue;
        const reason = constraint === NESTED ? 'must be an object' : reasonOf(message, error.property);
        out.push({ field, reason, constraint });
      }
    }
  }
  for (const child of error.children ?? []) flatten(child, field, out);
}

function reasonOf(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
