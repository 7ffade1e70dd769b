import type { LoggerService } from '@nestjs/common';
import type { HeraldLogger } from './create-logger';

// Nest's start-up narration (one line per module and route, ~90 per service): debug, not info.
const STARTUP_CONTEXTS = /^(InstanceLoader|RoutesResolver|RouterExplorer|NestFactory|NestApplication)$/;

/** Routes Nest's own logs (module init, routes, exceptions) through the masked pino logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: HeraldLogger) {}

  log(message: unknown, context?: string): void {
    if (STARTUP_CONTEXTS.test(context ?? '')) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
