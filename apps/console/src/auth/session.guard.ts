import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { httpError } from '../http/errors';
import { OperatorStore, type Operator } from './operator.store';
import { roleAllows, type Role } from './roles';

export const SESSION_COOKIE = 'herald_console';
const ROLE_KEY = 'console:role';

/** The least role a route needs; routes without it need `viewer` (any signed-in operator). */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);

type ConsoleRequest = Request & { operator?: Operator };

export function sessionToken(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * Every /api route but sign-in: a valid session cookie (401 otherwise) and the role the route asks
 * for (403). A change must also come as JSON: a cross-site form cannot send that, on top of SameSite=Strict.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly store: OperatorStore,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<ConsoleRequest>();
    const token = sessionToken(req);
    const operator = token ? await this.store.session(token) : undefined;
    if (!operator)
      throw httpError(401, 'UNAUTHENTICATED', 'sign in first', [{ field: 'session', reason: 'is missing or expired' }]);
    const needed = this.reflector.getAllAndOverride<Role>(ROLE_KEY, [ctx.getHandler(), ctx.getClass()]) ?? 'viewer';
    if (!roleAllows(operator.role, needed)) {
      throw httpError(403, 'FORBIDDEN', `this needs the ${needed} role; ${operator.name} is ${operator.role}`, [
        { field: 'role', reason: `must be ${needed} or above` },
      ]);
    }
    if (req.method !== 'GET' && !(req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw httpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json', [
        { field: 'content-type', reason: 'must be application/json' },
      ]);
    }
    req.operator = operator;
    return true;
  }
}

/** The signed-in operator, set by SessionGuard. */
export const CurrentOperator = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Operator => ctx.switchToHttp().getRequest<ConsoleRequest>().operator!,
);
