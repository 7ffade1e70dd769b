import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from './api-error';

const SCOPE_METADATA = 'herald:required-scope';

/** The scope a route needs; a route without one takes any valid key. */
export const RequireScope = (scope: string) => SetMetadata(SCOPE_METADATA, scope);

export interface KeyHolder {
  /** The key's name: the audit actor. */
  name: string;
  scopes: readonly string[];
}

/** What a service plugs into BearerKeyGuard, as the BEARER_KEYS provider. */
export interface BearerKeys<K extends KeyHolder = KeyHolder> {
  /** Why the API is off (no key configured), or undefined when it is on. */
  disabled?(): string | undefined;
  /** The key presented, or undefined when it is unknown or revoked; compares in constant time. */
  find(presented: string): K | undefined | Promise<K | undefined>;
  /** Before any lookup: throws an ApiError to refuse (event-ingest's 429 for an address that keeps failing). */
  before?(req: Request): void;
  /** A missing or unknown key, counted against the caller's address. */
  failed?(req: Request): void;
  /** After key and scope passed: throws an ApiError to refuse (rate limit, daily quota). */
  admit?(key: K, req: Request): void | Promise<void>;
}

export const BEARER_KEYS = Symbol('BEARER_KEYS');

export type KeyedRequest<K extends KeyHolder = KeyHolder> = Request & { apiKey: K };

/**
 * `Authorization: Bearer <key>` or `X-API-Key: <key>`, the same answer in every service: the API off
 * -> 403 ADMIN_API_DISABLED, no key -> 401 UNAUTHENTICATED, unknown key or missing scope -> 403 FORBIDDEN.
 * The key found is on `req.apiKey`.
 */
@Injectable()
export class BearerKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(BEARER_KEYS) private readonly keys: BearerKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<string | undefined>(SCOPE_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<KeyedRequest>();
    const off = this.keys.disabled?.();
    if (off !== undefined) throw new ApiError(403, 'ADMIN_API_DISABLED', off);
    this.keys.before?.(req);
    const presented = presentedKey(req);
    if (presented === undefined) {
      this.keys.failed?.(req);
      throw new ApiError(
        401,
        'UNAUTHENTICATED',
        'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>',
        [{ field: 'authorization', reason: 'is required' }],
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
    }
    const key = await this.keys.find(presented);
    if (key === undefined) {
      this.keys.failed?.(req);
      throw new ApiError(403, 'FORBIDDEN', 'the API key is unknown or revoked', [
        { field: 'authorization', reason: 'is not a valid API key' },
      ]);
    }
    if (scope !== undefined && !key.scopes.includes(scope)) {
      throw new ApiError(403, 'FORBIDDEN', `the API key lacks the ${scope} scope`, [
        { field: 'authorization', reason: `lacks the ${scope} scope` },
      ]);
    }
    await this.keys.admit?.(key, req);
    req.apiKey = key;
    return true;
  }
}

function presentedKey(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header.length > 0 ? header : undefined;
}
