import { Inject, Injectable } from '@nestjs/common';
import { recipientTokenFor } from '@herald/contracts';
import { normalizePhone } from '@herald/phone';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { ConsoleConfig } from '../console.config';
import { httpError } from './errors';

/** A typed phone number -> the recipient token the services store; the number itself goes no further. */
@Injectable()
export class RecipientTokens {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  tokenOf(raw: unknown, field = 'phone'): string {
    if (typeof raw !== 'string' || raw.trim() === '')
      throw httpError(400, 'BAD_REQUEST', `${field} is required`, [{ field, reason: 'is required' }]);
    const phone = normalizePhone(raw.trim());
    if (!phone.ok)
      throw httpError(400, 'INVALID_PHONE', `${field} is not a valid phone number (E.164, e.g. +33612345678)`, [
        { field, reason: phone.reason },
      ]);
    return recipientTokenFor(this.config.recipientTokenKey, phone.e164);
  }
}

export const looksLikePhone = (q: string) => /^\+?[\d\s().-]{6,20}$/.test(q);
