import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiKeyRecord } from '../adapters/api-keys.repository';
import type { ApiScope } from '../domain/api-key';
import { ApiKeyAuthenticator } from '../ingest/api-key-authenticator';
import { HttpError } from './http-error';
import type { RawBodyRequest } from './raw-body.middleware';

const SCOPE_METADATA = 'event-ingest:scope';

export const RequireScope = (scope: ApiScope) => SetMetadata(SCOPE_METADATA, scope);

export type AuthedRequest = RawBodyRequest & { apiKey: ApiKeyRecord };

/**
 * `Authorization: Bearer <key>` or `X-API-Key: <key>`; 401 without one, 403 unknown or out of scope,
 * 429 over the key's rate or its daily quota (QUOTA_EXCEEDED), and 429 before any lookup for a client address that failed to
 * authenticate INGEST_AUTH_FAILURES_PER_MINUTE times this minute (key guessing).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<ApiScope | undefined>(SCOPE_METADATA, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = this.auth.throttledFor(address);
    if (wait !== undefined) {
      throw new HttpError(429, 'RATE_LIMITED', `too many failed authentications from this address; retry in ${wait} s`, [], { 'Retry-After': String(wait) });
    }
    const plaintext = presentedKey(req);
    if (plaintext === undefined) {
      this.auth.failedFrom(address);
      throw new HttpError(401, 'UNAUTHENTICATED', 'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>', [], {
        'WWW-Authenticate': 'Bearer',
      });
    }
    const key = await this.auth.lookup(plaintext);
    if (key === undefined) {
      this.auth.failedFrom(address);
      throw new HttpError(403, 'FORBIDDEN', 'the API key is unknown or revoked');
    }
    if (scope === undefined || !key.scopes.includes(scope)) {
      throw new HttpError(403, 'FORBIDDEN', `the API key lacks the ${scope ?? 'required'} scope`);
    }
    const rate = this.auth.take(key);
    if (!rate.allowed) {
      throw new HttpError(429, 'RATE_LIMITED', `rate limit of ${key.rateLimitPerSecond} requests per second exceeded for this API key`, [], {
        'Retry-After': String(rate.retryAfterSeconds),
      });
    }
    const quota = await this.auth.countAgainstQuota(key);
    if (!quota.allowed) {
      throw new HttpError(429, 'QUOTA_EXCEEDED', `daily quota of ${quota.quota} requests for this API key exceeded; it resets at 00:00 UTC`, [], {
        'Retry-After': String(quota.retryAfterSeconds),
      });
    }
    req.apiKey = key;
    return true;
  }
}

function presentedKey(req: AuthedRequest): string | undefined {
  const auth = req.headers.authorization;
  const bearer = auth !== undefined && /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  if (bearer) return bearer;
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header.length > 0 ? header : undefined;
}
