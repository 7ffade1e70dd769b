import { getMetadataStorage } from 'class-validator';
import { ComplianceConfig } from '../../apps/compliance/src/compliance.config';
import { DispatchConfig } from '../../apps/dispatch/src/dispatch.config';
import { EventIngestConfig } from '../../apps/event-ingest/src/event-ingest.config';
import { ReceiptsConfig } from '../../apps/receipts/src/receipts.config';
import { SimulatorConfig } from '../../apps/smsc-simulator/src/simulator.config';
import { TemplatingConfig } from '../../apps/templating/src/templating.config';
import type { HeraldServiceName } from './service-topology';

/** Each service's config class: the source of truth for every key its deployment must set. */
export const ServiceConfigOf: Readonly<Record<HeraldServiceName, new () => object>> = {
  'event-ingest': EventIngestConfig,
  templating: TemplatingConfig,
  compliance: ComplianceConfig,
  dispatch: DispatchConfig,
  receipts: ReceiptsConfig,
};
export const ServiceConfigClasses: ReadonlyArray<new () => object> = Object.values(ServiceConfigOf);
export { SimulatorConfig };

/**
 * Set per workload, never in a shared ConfigMap or Secret: each service listens on its own ports (API
 * and management) and authenticates to Kafka as its own principal (the password from its Strimzi KafkaUser Secret).
 */
export const PER_WORKLOAD_KEYS: ReadonlySet<string> = new Set([
  'HTTP_PORT',
  'MGMT_PORT',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
]);

/** Keys that must be equal on every service that reads them: one Secret, referenced key by key. */
export const SHARED_SECRET = 'herald-shared-keys';
export const SHARED_SECRET_KEYS: ReadonlySet<string> = new Set(['RECIPIENT_TOKEN_KEY', 'PII_ENCRYPTION_KEYS']);

const SECRET_NAME = /(_KEY|_KEYS|_TOKEN|_TOKENS|_PASSWORD(_\d+)?|_SECRET|_SECRETS|_USERNAME)$|^DATABASE_URL$/;

/** Credentials, keys and URLs that embed a password belong in a Secret. */
export const isSecretKey = (key: string): boolean => SECRET_NAME.test(key);

/** Every key of the given config classes with its default (undefined for required/optional keys). */
export function configKeys(classes: ReadonlyArray<new () => object> = ServiceConfigClasses): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  for (const cls of classes) {
    const defaults = new cls() as Record<string, unknown>;
    const declared = getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName);
    for (const key of [...Object.keys(defaults), ...declared]) if (!keys.has(key)) keys.set(key, defaults[key]);
  }
  return keys;
}

/** The credentials a service's config class declares, minus the per-workload Kafka ones: what its pod may see. */
export function secretKeysOf(service: HeraldServiceName): string[] {
  return [...configKeys([ServiceConfigOf[service]]).keys()].filter((k) => isSecretKey(k) && !PER_WORKLOAD_KEYS.has(k));
}

/** The Secret holding a service's own credentials (database URL, API keys, carrier passwords). */
export const serviceSecretOf = (service: HeraldServiceName): string => `${service}-secrets`;
