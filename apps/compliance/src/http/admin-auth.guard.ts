import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { SERVICE_CONFIG } from '@herald/service-kit';
import type { ComplianceConfig } from '../compliance.config';

type AdminRequest = Request & { adminActor?: string };

/** X-Herald-Operator: the person behind a token's call, as the operator console names its operators. */
const OPERATOR = /^[a-z0-9][a-z0-9._-]{1,47}$/;
const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();
const unauthorized = (message: string) => new UnauthorizedException({ error: 'UNAUTHORIZED', message });

/**
 * Bearer tokens from COMPLIANCE_ADMIN_TOKENS (`name:token,...`); the matching name becomes the audit
 * actor, `name/operator` when the call names its operator in X-Herald-Operator.
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  private readonly tokens: Array<{ name: string; digest: Buffer }>;

  constructor(@Inject(SERVICE_CONFIG) config: ComplianceConfig) {
    this.tokens = config.COMPLIANCE_ADMIN_TOKENS.split(',')
      .filter(Boolean)
      .map((pair) => ({ name: pair.slice(0, pair.indexOf(':')), digest: digest(pair.slice(pair.indexOf(':') + 1)) }));
  }

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<AdminRequest>();
    if (this.tokens.length === 0) throw unauthorized('the admin API is disabled: COMPLIANCE_ADMIN_TOKENS is empty');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!bearer) throw unauthorized('missing header Authorization: Bearer <admin token>');
    // Compare digests, not the tokens: equal lengths for timingSafeEqual, nothing learned from timing.
    const presented = digest(bearer[1]);
    const match = this.tokens.find((t) => timingSafeEqual(t.digest, presented));
    if (!match) throw unauthorized('unknown admin token');
    // A caller acting for a named person (the operator console) says who: the trail keeps both names.
    const onBehalfOf = req.headers['x-herald-operator'];
    req.adminActor = typeof onBehalfOf === 'string' && OPERATOR.test(onBehalfOf) ? `${match.name}/${onBehalfOf}` : match.name;
    return true;
  }
}

/** The caller's name from COMPLIANCE_ADMIN_TOKENS, set by AdminAuthGuard. */
export const AdminActor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<AdminRequest>().adminActor ?? 'unknown');
