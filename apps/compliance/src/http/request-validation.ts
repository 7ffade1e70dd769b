import { Inject, Injectable } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { RECIPIENT_TOKEN_PATTERN, recipientTokenFor, validateAs } from '@herald/contracts';
import { normalizePhone } from '@herald/phone';
import { ApiError, SERVICE_CONFIG, type FieldProblem } from '@herald/service-kit';
import type { ComplianceConfig } from '../compliance.config';

export const badRequest = (message: string, fields: FieldProblem[]) =>
  new ApiError(400, 'VALIDATION_FAILED', message, fields);
export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', message);

export function validateBody<T extends object>(cls: ClassConstructor<T>, body: unknown): T {
  const r = validateAs(cls, body ?? {});
  if (r.ok) return r.value;
  throw badRequest(
    `invalid request: ${r.errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
    r.errors.map(({ field, reason }) => ({ field, reason })),
  );
}

/** Turns `phone` (E.164) or `token` into the recipient token; the number itself is never stored. */
@Injectable()
export class RecipientResolver {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ComplianceConfig) {}

  resolve(ref: { phone?: string; token?: string }, phoneField = 'phone'): string {
    if ((ref.phone === undefined) === (ref.token === undefined)) {
      throw badRequest(`give exactly one of ${phoneField} or token`, [
        { field: phoneField, reason: 'exactly one of phone or token is required' },
      ]);
    }
    if (ref.token !== undefined) {
      if (!RECIPIENT_TOKEN_PATTERN.test(ref.token))
        throw badRequest('token is invalid', [{ field: 'token', reason: 'must be 64 lowercase hex characters' }]);
      return ref.token;
    }
    // A '+' left unencoded in a query string arrives as a space.
    const n = normalizePhone((ref.phone as string).replace(/^ (?=\d)/, '+'));
    if (!n.ok)
      throw badRequest(`${phoneField} is not a valid phone number`, [
        { field: phoneField, reason: `must be an E.164 number like +33612345678 (${n.reason})` },
      ]);
    return recipientTokenFor(this.config.RECIPIENT_TOKEN_KEY, n.e164);
  }
}
