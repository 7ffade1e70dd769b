import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { HeraldError } from '@herald/contracts';

const CODE = /^[A-Z][A-Z_]+$/;

/**
 * Every error leaves the API as `{ error, message, fields }`: ours already have that shape; Nest's
 * own (malformed JSON, unknown route) are rewritten; DB or broker trouble is a 503 when retrying may help.
 */
@Catch(HttpException, HeraldError)
export class ApiErrorFilter implements ExceptionFilter {
  catch(e: HttpException | HeraldError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (e instanceof HeraldError) {
      res.status(e.retriable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR).json({ error: e.code, message: e.message, fields: [] });
      return;
    }
    const status = e.getStatus();
    const body = e.getResponse() as string | { error?: unknown; message?: unknown; fields?: unknown };
    if (typeof body === 'object' && typeof body.error === 'string' && CODE.test(body.error) && Array.isArray(body.fields)) {
      res.status(status).json(body);
      return;
    }
    const raw = typeof body === 'string' ? body : body.message;
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? e.message);
    const error = HttpStatus[status] ?? 'ERROR';
    res.status(status).json({ error, message, fields: status === HttpStatus.BAD_REQUEST ? [{ field: '$', reason: message }] : [] });
  }
}
