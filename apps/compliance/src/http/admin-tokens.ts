import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { StaticKeyRing, type BearerKeys, type KeyedRequest } from '@herald/service-kit';
import type { ComplianceConfig } from '../compliance.config';

/** Bearer tokens from COMPLIANCE_ADMIN_TOKENS (`name:token,...`) for BearerKeyGuard; none means the admin API is off. */
export function adminTokens(config: ComplianceConfig): BearerKeys {
  const ring = StaticKeyRing.parse(config.COMPLIANCE_ADMIN_TOKENS, 'COMPLIANCE_ADMIN_TOKENS');
  return {
    disabled: () => (ring.size === 0 ? 'the admin API is disabled: COMPLIANCE_ADMIN_TOKENS is empty' : undefined),
    find: (presented) => ring.find(presented),
  };
}

/** X-Herald-Operator: the person behind a token's call, as the operator console (apps/console) names its operators. */
const OPERATOR = /^[a-z0-9][a-z0-9._-]{1,47}$/;

/** The audit actor: the caller's name from COMPLIANCE_ADMIN_TOKENS, `name/operator` when the call names its operator in X-Herald-Operator. */
export const AdminActor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<Partial<KeyedRequest>>();
  const name = req.apiKey?.name ?? 'unknown';
  const operator = req.headers?.['x-herald-operator'];
  return typeof operator === 'string' && OPERATOR.test(operator) ? `${name}/${operator}` : name;
});
