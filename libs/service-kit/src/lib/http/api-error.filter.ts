import { ArgumentsHost, Catch, HttpException, Inject, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { isHeraldError, type ApiErrorCode } from '@herald/contracts';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { isTransientDbError } from '@herald/persistence';
import { ApiError, type ErrorBody } from './api-error';

// Nest's own exceptions (unknown route, malformed JSON from the body parser, body too large).
const BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

interface Answer {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/**
 * Every failure of every service leaves as `{ error, message, fields }` with a catalogue code:
 * ApiError as thrown; database or broker trouble a 503 worth retrying (Retry-After: 1); another
 * HeraldError a 500 with its code; Nest's own exceptions rewritten; anything else a 500 INTERNAL.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(@Inject(HERALD_LOGGER) private readonly logger: HeraldLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body, headers } = answerFor(exception);
    if (status >= 500) this.logger.error({ err: exception, status, errorCode: body.error }, 'request failed');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.status(status).json(body);
  }
}

export function answerFor(e: unknown): Answer {
  if (e instanceof ApiError) return { status: e.status, body: e.body, headers: e.headers };
  if ((isHeraldError(e) && e.retriable) || isTransientDbError(e)) {
    const error = isHeraldError(e) ? e.code : 'DB_UNAVAILABLE';
    const message = 'the request was not accepted (nothing was stored or sent); retry later';
    return { status: 503, body: { error, message, fields: [] }, headers: { 'Retry-After': '1' } };
  }
  if (isHeraldError(e)) return { status: 500, body: { error: e.code, message: e.message, fields: [] }, headers: {} };
  if (e instanceof HttpException) return fromNest(e);
  return { status: 500, body: { error: 'INTERNAL', message: 'unexpected error', fields: [] }, headers: {} };
}

function fromNest(e: HttpException): Answer {
  const status = e.getStatus();
  const error = BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
  const fields = status === 400 || status === 413 ? [{ field: '$', reason: e.message }] : [];
  return { status, body: { error, message: e.message, fields }, headers: {} };
}
