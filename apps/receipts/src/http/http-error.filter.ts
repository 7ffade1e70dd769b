import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';

const NAMES: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/**
 * Errors raised before our controllers (malformed JSON from the body parser, unknown routes, body
 * too large) get the same `{ error, message, fields }` body as ours instead of Nest's default.
 */
@Catch(HttpException)
export class HttpErrorShapeFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'object' && body !== null && 'fields' in body) {
      res.status(status).json(body);
      return;
    }
    const fields = status === 400 || status === 413 ? [{ field: '$', reason: exception.message }] : [];
    res.status(status).json({ error: NAMES[status] ?? `HTTP_${status}`, message: exception.message, fields });
  }
}
