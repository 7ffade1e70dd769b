import { getMetadataStorage } from 'class-validator';
import { ComplianceConfig } from '../../apps/compliance/src/compliance.config';
import { DispatchConfig } from '../../apps/dispatch/src/dispatch.config';
import { EventIngestConfig } from '../../apps/event-ingest/src/event-ingest.config';
import { ReceiptsConfig } from '../../apps/receipts/src/receipts.config';
import { SimulatorConfig } from '../../apps/smsc-simulator/src/simulator.config';
import { TemplatingConfig } from '../../apps/templating/src/templating.config';

/** The five services' config classes: the source of truth for every key a deployment must set. */
export const ServiceConfigClasses: ReadonlyArray<new () => object> = [EventIngestConfig, TemplatingConfig, ComplianceConfig, DispatchConfig, ReceiptsConfig];
export { SimulatorConfig };

/** Set per workload (each service listens on its own port), never in the shared ConfigMap. */
export const PER_WORKLOAD_KEYS: ReadonlySet<string> = new Set(['HTTP_PORT']);

const SECRET_NAME = /(_KEY|_KEYS|_TOKEN|_TOKENS|_PASSWORD(_\d+)?|_SECRET|_SECRETS|_USERNAME)$|^DATABASE_URL$/;

/** Credentials, keys and URLs that embed a password belong in a Secret. */
export const isSecretKey = (key: string): boolean => SECRET_NAME.test(key);

/** Every key of the given config classes with its default (undefined for required/optional keys). */
export function configKeys(classes: ReadonlyArray<new () => object> = ServiceConfigClasses): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  for (const cls of classes) {
    const defaults = new cls() as Record<string, unknown>;
    const declared = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).map((m) => m.propertyName);
    for (const key of [...Object.keys(defaults), ...declared]) if (!keys.has(key)) keys.set(key, defaults[key]);
  }
  return keys;
}
