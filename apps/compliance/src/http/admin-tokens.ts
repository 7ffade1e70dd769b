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

/** The caller's name from COMPLIANCE_ADMIN_TOKENS, the audit actor. */
export const AdminActor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<Partial<KeyedRequest>>().apiKey?.name ?? 'unknown');
