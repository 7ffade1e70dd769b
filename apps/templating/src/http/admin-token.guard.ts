import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SERVICE_CONFIG } from '@herald/service-kit';
import type { TemplatingConfig } from '../templating.config';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** `Authorization: Bearer <TEMPLATING_ADMIN_TOKEN>`: missing -> 401, wrong -> 403, not configured -> 503. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(@Inject(SERVICE_CONFIG) config: TemplatingConfig) {
    if (config.TEMPLATING_ADMIN_TOKEN) this.expected = digest(config.TEMPLATING_ADMIN_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) {
      throw new ServiceUnavailableException({ error: 'ADMIN_API_DISABLED', message: 'the admin API is disabled: set TEMPLATING_ADMIN_TOKEN' });
    }
    const http = context.switchToHttp();
    const header = http.getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="herald-templating"');
      throw new UnauthorizedException({ error: 'UNAUTHORIZED', message: 'send Authorization: Bearer <admin token>' });
    }
    // Fixed-length digests: the comparison time says nothing about the token.
    if (!timingSafeEqual(digest(match[1]), this.expected)) throw new ForbiddenException({ error: 'FORBIDDEN', message: 'the admin token is not valid' });
    return true;
  }
}
