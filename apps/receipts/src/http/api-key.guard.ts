import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RECEIPTS_OPTIONS, type ReceiptsOptions } from '../receipts.options';
import { httpError } from './http-error';

/**
 * Support endpoints, like event-ingest's: `Authorization: Bearer <key>` or `X-API-Key: <key>` from
 * RECEIPTS_API_KEYS; 401 without a key, 403 with an unknown one.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(RECEIPTS_OPTIONS) private readonly options: ReceiptsOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    const presented = bearer ?? (req.header('x-api-key') || undefined);
    if (presented === undefined) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw httpError(401, 'UNAUTHENTICATED', 'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>', [
        { field: 'authorization', reason: 'is required' },
      ]);
    }
    if (this.options.apiKeys.identify(presented) === undefined) {
      throw httpError(403, 'FORBIDDEN', 'the API key is unknown or revoked', [{ field: 'authorization', reason: 'is not a valid API key' }]);
    }
    return true;
  }
}
