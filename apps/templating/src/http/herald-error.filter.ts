import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { HeraldError } from '@herald/contracts';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';

/** A HeraldError that reaches HTTP: the database being down is a 503 worth retrying, anything else a 500. */
@Catch(HeraldError)
export class HeraldErrorFilter implements ExceptionFilter {
  constructor(@Inject(HERALD_LOGGER) private readonly logger: HeraldLogger) {}

  catch(error: HeraldError, host: ArgumentsHost): void {
    const status = error.retriable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
    this.logger.error({ code: error.code, err: error }, 'admin request failed');
    host.switchToHttp().getResponse<Response>().status(status).json({ error: error.code, message: error.message, fields: [] });
  }
}
