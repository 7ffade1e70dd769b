import { CARRIER_SECRET_KEYS, type DispatchConfig } from '../dispatch.config';

/** Secret names a carrier may use besides dispatch's own keys: CARRIER_<anything>. */
const CARRIER_ENV = /^CARRIER_[A-Z0-9_]+$/;

/**
 * Where a carrier's secret comes from: one of dispatch's secret keys (validated by its config,
 * with dev defaults), or an environment variable named CARRIER_*. Any other name is refused, so a
 * carriers file cannot point a carrier at DATABASE_URL or another service's key.
 */
export class CarrierSecrets {
  constructor(
    private readonly config: DispatchConfig,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Why the name cannot be used, or undefined when its value is there. */
  problem(name: string): string | undefined {
    if (!this.allowed(name))
      return `${name} is not a carrier secret name (${CARRIER_SECRET_KEYS.join(', ')} or CARRIER_*)`;
    const value = this.value(name);
    return value === undefined || value === '' ? `${name} is not set` : undefined;
  }

  /** The value; only called for names that passed `problem` at start. Never logged. */
  value(name: string): string | undefined {
    if ((CARRIER_SECRET_KEYS as readonly string[]).includes(name))
      return this.config[name as (typeof CARRIER_SECRET_KEYS)[number]];
    return CARRIER_ENV.test(name) ? this.env[name] : undefined;
  }

  private allowed(name: string): boolean {
    return (CARRIER_SECRET_KEYS as readonly string[]).includes(name) || CARRIER_ENV.test(name);
  }
}
