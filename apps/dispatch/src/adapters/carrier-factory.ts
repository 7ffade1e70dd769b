import * as path from 'node:path';
import { HeraldError } from '@herald/contracts';
import { dataFileError, loadDataFile, pathOf } from '@herald/data-files';
import type { HeraldLogger } from '@herald/observability';
import { CARRIERS_FILE_KEY, carriersFileSchema, toCarrierConfigs, type CarrierConfig } from '../domain/carrier-config';
import { CARRIER_SECRET_KEYS, type DispatchConfig } from '../dispatch.config';
import type { CarrierAdapter } from './carrier-adapter';
import { HttpCarrierAdapter } from './http-carrier.adapter';
import { SmppCarrierAdapter } from './smpp-carrier.adapter';

/** Reads and validates DISPATCH_CARRIERS_FILE; a problem is one CONFIG_INVALID line naming the file and the field. */
export function loadCarriers(config: DispatchConfig): CarrierConfig[] {
  const file = path.resolve(config.DISPATCH_CARRIERS_FILE);
  const carriers = toCarrierConfigs(loadDataFile(file, CARRIERS_FILE_KEY, carriersFileSchema));
  const problems = carriers.flatMap((c, i) => {
    const reason = secretProblem(c, config);
    return reason === undefined ? [] : [{ path: pathOf(['carriers', i, 'passwordEnv']), reason }];
  });
  if (problems.length > 0) throw dataFileError(CARRIERS_FILE_KEY, file, problems);
  return carriers;
}

// `passwordEnv` names a key of DispatchConfig: the config layer validated it, and the value is
// never logged. An unknown name fails at start rather than binding with an empty password.
function secretProblem(carrier: CarrierConfig, config: DispatchConfig): string | undefined {
  const name = carrier.passwordEnv;
  if (name === undefined) return undefined;
  if (!(CARRIER_SECRET_KEYS as readonly string[]).includes(name))
    return `${name} is not a dispatch secret key (${CARRIER_SECRET_KEYS.join(', ')})`;
  const value = config[name as (typeof CARRIER_SECRET_KEYS)[number]];
  return value === undefined || value === '' ? `${name} is not set` : undefined;
}

export function secretFor(carrier: CarrierConfig, config: DispatchConfig): string {
  const problem = secretProblem(carrier, config);
  if (problem !== undefined)
    throw new HeraldError(
      'CONFIG_INVALID',
      `invalid configuration: ${CARRIERS_FILE_KEY}: carrier ${carrier.id}: passwordEnv: ${problem}`,
    );
  return carrier.passwordEnv === undefined
    ? ''
    : (config[carrier.passwordEnv as (typeof CARRIER_SECRET_KEYS)[number]] ?? '');
}

export function createAdapter(carrier: CarrierConfig, config: DispatchConfig, logger: HeraldLogger): CarrierAdapter {
  if (carrier.type === 'http') {
    return new HttpCarrierAdapter({
      carrier,
      token: secretFor(carrier, config),
      timeoutMs: config.DISPATCH_HTTP_TIMEOUT_MS,
      retries: config.DISPATCH_HTTP_RETRIES,
    });
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
