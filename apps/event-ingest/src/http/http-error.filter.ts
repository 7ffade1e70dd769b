import { ArgumentsHost, Catch, HttpException, Inject, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { isHeraldError } from '@herald/contracts';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { isTransientDbError } from '@herald/persistence';
import { HttpError, type ErrorBody } from './http-error';

/** Every failure leaves as `{ error, message, fields }`; broker or database trouble is a 503 to retry. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(HERALD_LOGGER) private readonly logger: HeraldLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body, headers } = this.toAnswer(exception);
    if (status >= 500) this.logger.error({ err: exception, status }, 'request failed');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.status(status).json(body);
  }

  private toAnswer(e: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
    if (e instanceof HttpError) return { status: e.status, body: e.body, headers: e.headers };
    if ((isHeraldError(e) && e.retriable) || isTransientDbError(e)) {
      const error = isHeraldError(e) ? e.code : 'DB_UNAVAILABLE';
      const message = 'the request was not accepted (nothing was stored or sent); retry later';
      return { status: 503, body: { error, message, fields: [] }, headers: { 'Retry-After': '1' } };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const error = status === 404 ? 'NOT_FOUND' : `HTTP_${status}`;
      return { status, body: { error, message: e.message, fields: [] }, headers: {} };
    }
    return { status: 500, body: { error: 'INTERNAL', message: 'unexpected error', fields: [] }, headers: {} };
  }
}
