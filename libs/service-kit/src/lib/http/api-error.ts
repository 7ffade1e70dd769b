import type { ApiErrorCode } from '@herald/contracts';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** The one error body of Herald's HTTP APIs; `error` is a code of the catalogue in @herald/contracts. */
export interface ErrorBody {
  error: ApiErrorCode;
  message: string;
  fields: FieldProblem[];
  [extra: string]: unknown;
}

/** An HTTP answer other than success, thrown from guards, controllers and use cases; ApiErrorFilter writes it. */
export class ApiError extends Error {
  readonly body: ErrorBody;

  constructor(
    readonly status: number,
    error: ApiErrorCode,
    message: string,
    fields: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
    /** More top-level properties of the body (templating's `lint` of a rejected draft). */
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.body = { ...extra, error, message, fields };
  }
}

export function badRequest(error: ApiErrorCode, message: string, fields: FieldProblem[]): ApiError {
  return new ApiError(400, error, message, fields);
}
