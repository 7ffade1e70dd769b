import { HttpException } from '@nestjs/common';

export interface FieldReason {
  field: string;
  reason: string;
}

/** The one error body of Herald's HTTP APIs: `{ error, message, fields: [{ field, reason }] }`. */
export function httpError(status: number, error: string, message: string, fields: FieldReason[] = []): HttpException {
  return new HttpException({ error, message, fields }, status);
}
