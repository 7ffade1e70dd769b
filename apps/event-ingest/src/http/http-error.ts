export interface FieldProblem {
  field: string;
  reason: string;
}

/** The one error body every endpoint answers with. */
export interface ErrorBody {
  error: string;
  message: string;
  fields: FieldProblem[];
}

/** An HTTP answer other than success, thrown from guards and controllers and shaped by HttpErrorFilter. */
export class HttpError extends Error {
  readonly body: ErrorBody;

  constructor(
    readonly status: number,
    error: string,
    message: string,
    fields: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.body = { error, message, fields };
  }
}

export function badRequest(error: string, message: string, fields: FieldProblem[]): HttpError {
  return new HttpError(400, error, message, fields);
}
