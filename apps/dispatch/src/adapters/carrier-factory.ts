import { HeraldError } from '@herald/contracts';
import { loadDataFile } from '@herald/data-files';
import type { HeraldLogger } from '@herald/observability';
import { CARRIERS_FILE_KEY, carriersFileSchema, toCarrierConfigs, type CarrierConfig } from '../domain/carrier-config';
import { CARRIER_SECRET_KEYS, type DispatchConfig } from '../dispatch.config';
import type { CarrierAdapter } from './carrier-adapter';
import { HttpCarrierAdapter } from './http-carrier.adapter';
import { SmppCarrierAdapter } from './smpp-carrier.adapter';

/** Reads and validates DISPATCH_CARRIERS_FILE; a problem is one CONFIG_INVALID line naming the file and the field. */
export function loadCarriers(config: DispatchConfig): CarrierConfig[] {
  const carriers = toCarrierConfigs(loadDataFile(config.DISPATCH_CARRIERS_FILE, CARRIERS_FILE_KEY, carriersFileSchema));
  for (const c of carriers) secretFor(c, config);
  return carriers;
}

// `passwordEnv` names a key of DispatchConfig: the config layer validated it, and the value is
// never logged. An unknown name fails at start rather than binding with an empty password.
export function secretFor(carrier: CarrierConfig, config: DispatchConfig): string {
  const name = carrier.passwordEnv;
  if (name === undefined) return '';
  if (!(CARRIER_SECRET_KEYS as readonly string[]).includes(name)) {
    throw new HeraldError('CONFIG_INVALID', `carriers.${carrier.id}.passwordEnv: ${name} is not a dispatch secret key (${CARRIER_SECRET_KEYS.join(', ')})`);
  }
  const value = config[name as (typeof CARRIER_SECRET_KEYS)[number]];
  if (value === undefined || value === '') throw new HeraldError('CONFIG_INVALID', `carriers.${carrier.id}.passwordEnv: ${name} is not set`);
  return value;
}

export function createAdapter(carrier: CarrierConfig, config: DispatchConfig, logger: HeraldLogger): CarrierAdapter {
  if (carrier.type === 'http') {
    return new HttpCarrierAdapter({ carrier, token: secretFor(carrier, config), timeoutMs: config.DISPATCH_HTTP_TIMEOUT_MS, retries: config.DISPATCH_HTTP_RETRIES });
  }
  return new SmppCarrierAdapter({
    carrier,
    password: secretFor(carrier, config),
    enquireLinkMs: config.DISPATCH_ENQUIRE_LINK_MS,
    responseTimeoutMs: config.DISPATCH_SUBMIT_TIMEOUT_MS,
    minBackoffMs: config.DISPATCH_RECONNECT_MIN_MS,
    maxBackoffMs: config.DISPATCH_RECONNECT_MAX_MS,
    logger,
  });
}
