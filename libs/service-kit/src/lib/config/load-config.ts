import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { HeraldError } from '@herald/contracts';
import { missingSaslKeys, SASL_CREDENTIAL_KEYS } from './sasl-credentials';

/** An invalid environment key: a CONFIG_INVALID HeraldError, the one form of every config error (data files too). */
export class ConfigError extends HeraldError {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super('CONFIG_INVALID', `invalid configuration: ${key}: ${reason}`, { details: { key, reason } });
  }
}

type Env = Record<string, string | undefined>;

/** Builds and validates a config class from the environment; the first problem is one line naming its key. */
export function loadConfig<T extends object>(cls: new () => T, env: Env = process.env): T {
  const defaults = new cls() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(defaults), ...declaredKeys(cls)])) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : value;
  }
  const config = plainToInstance(cls, raw);
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) throw toConfigError(errors[0], raw);
  // Across keys, so for every config class that has Kafka security (services and the CLI alike).
  const missing = missingSaslKeys(raw['KAFKA_SECURITY_PROTOCOL'], raw);
  if (missing.length > 0) {
    throw new ConfigError(
      'KAFKA_SECURITY_PROTOCOL',
      `${String(raw['KAFKA_SECURITY_PROTOCOL'])} needs ${SASL_CREDENTIAL_KEYS.join(' and ')}; missing: ${missing.join(', ')}`,
    );
  }
  return config;
}

function toConfigError(e: ValidationError, raw: Record<string, unknown>): ConfigError {
  if (raw[e.property] === undefined) return new ConfigError(e.property, 'is required');
  const reason = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
  return new ConfigError(e.property, reason.startsWith(e.property) ? reason.slice(e.property.length).trim() : reason);
}

// Keys with no default (required ones) are only visible through class-validator's metadata.
function declaredKeys(cls: new () => object): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getMetadataStorage } = require('class-validator') as typeof import('class-validator');
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return metas.map((m) => m.propertyName);
}
