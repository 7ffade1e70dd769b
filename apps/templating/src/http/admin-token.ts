import { StaticKeyRing, type BearerKeys } from '@herald/service-kit';
import type { TemplatingConfig } from '../templating.config';

/** `Authorization: Bearer <TEMPLATING_ADMIN_TOKEN>` for BearerKeyGuard; no token configured means the admin API is off. */
export function adminToken(config: TemplatingConfig): BearerKeys {
  const token = config.TEMPLATING_ADMIN_TOKEN;
  const ring = new StaticKeyRing(token ? [{ name: 'admin', key: token }] : []);
  return {
    disabled: () => (token ? undefined : 'the admin API is disabled: set TEMPLATING_ADMIN_TOKEN'),
    find: (presented) => ring.find(presented),
  };
}
