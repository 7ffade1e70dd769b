/** What both validators (compiled JSON Schema and class-validator) answer. */
export interface FieldError {
  /** Dotted path from the payload root, e.g. `customer.phone` or `items.0.quantity`; `$` is the root. */
  field: string;
  reason: string;
  /** The class-validator constraint that failed, e.g. `isString`, or `isDefined` for a missing field. */
  constraint: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
