import * as path from 'node:path';
import { HeraldError } from '@herald/contracts';
import { dataFileError, loadDataFile, pathOf } from '@herald/data-files';
import type { HeraldLogger } from '@herald/observability';
import type { DispatchConfig } from '../dispatch.config';
import type { CarrierAdapter } from './carrier-adapter';
import type { CarrierContext, CarrierPlugin, CarrierWebhook } from './carrier-plugin';
import { CarrierSecrets } from './carrier-secrets';
import { CARRIERS_FILE_KEY, carriersFileSchema, type CarriersFile, type CommonCarrierConfig } from './common-config';
import { httpCarrier } from './http/http.carrier';
import { infobipCarrier } from './infobip/infobip.carrier';
import { smppCarrier } from './smpp/smpp.carrier';
import { telnyxCarrier } from './telnyx/telnyx.carrier';
import { twilioCarrier } from './twilio/twilio.carrier';
import { vonageCarrier } from './vonage/vonage.carrier';

/** Every carrier type Herald speaks; a new carrier is a folder under carriers/ and one line here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each plugin is typed by its own config
export const CARRIER_PLUGINS: readonly CarrierPlugin<any>[] = [
  smppCarrier,
  httpCarrier,
  twilioCarrier,
  vonageCarrier,
  infobipCarrier,
  telnyxCarrier,
];

const schema = carriersFileSchema(CARRIER_PLUGINS.map((p) => ({ type: p.type, ...p.schema })));

export function pluginOf(type: string): CarrierPlugin {
  const plugin = CARRIER_PLUGINS.find((p) => p.type === type);
  if (plugin === undefined) throw new HeraldError('CONFIG_INVALID', `no carrier plugin for type "${type}"`);
  return plugin;
}

/** A validated carriers file: each entry with its type's defaults. Problems are CONFIG_INVALID lines naming the key. */
export function parseCarriers(doc: unknown, file: string, secrets?: CarrierSecrets): CommonCarrierConfig[] {
  const outcome = schema.validate(doc);
  if (!outcome.ok) throw dataFileError(CARRIERS_FILE_KEY, file, outcome.problems);
  return checked(outcome.value, file, secrets);
}

/** Reads and validates DISPATCH_CARRIERS_FILE, and checks that every secret it names is set. */
export function loadCarriers(config: DispatchConfig, env: NodeJS.ProcessEnv = process.env): CommonCarrierConfig[] {
  const file = path.resolve(config.DISPATCH_CARRIERS_FILE);
  return checked(loadDataFile(file, CARRIERS_FILE_KEY, schema), file, new CarrierSecrets(config, env));
}

function checked(doc: CarriersFile, file: string, secrets?: CarrierSecrets): CommonCarrierConfig[] {
  const carriers = doc.carriers.map((c) => {
    const plugin = pluginOf(c.type);
    return plugin.withDefaults ? plugin.withDefaults(c) : c;
  });
  if (secrets === undefined) return carriers;
  const problems = carriers.flatMap((c, i) =>
    pluginOf(c.type).secretFields.flatMap((key) => {
      const name = (c as unknown as Record<string, unknown>)[key];
      const reason = typeof name === 'string' ? secrets.problem(name) : undefined;
      return reason === undefined ? [] : [{ path: pathOf(['carriers', i, key]), reason }];
    }),
  );
  if (problems.length > 0) throw dataFileError(CARRIERS_FILE_KEY, file, problems);
  return carriers;
}

export interface BuiltCarrier {
  config: CommonCarrierConfig;
  adapter: CarrierAdapter;
  webhook?: CarrierWebhook;
}

/** Each carrier's adapter and, for carriers that call back over HTTP, its webhook reader. */
export function buildCarriers(
  carriers: readonly CommonCarrierConfig[],
  config: DispatchConfig,
  logger: HeraldLogger,
  env: NodeJS.ProcessEnv = process.env,
): BuiltCarrier[] {
  const secrets = new CarrierSecrets(config, env);
  return carriers.map((carrier) => {
    const plugin = pluginOf(carrier.type);
    const ctx = contextFor(carrier, config, logger, secrets);
    const webhook = plugin.webhook?.(carrier, ctx);
    return { config: carrier, adapter: plugin.create(carrier, ctx), ...(webhook ? { webhook } : {}) };
  });
}

function contextFor(
  carrier: CommonCarrierConfig,
  config: DispatchConfig,
  logger: HeraldLogger,
  secrets: CarrierSecrets,
): CarrierContext {
  return {
    secret: (name) => {
      const value = secrets.value(name);
      if (value === undefined || value === '')
        throw new HeraldError('CONFIG_INVALID', `${CARRIERS_FILE_KEY}: carrier ${carrier.id}: ${name} is not set`);
      return value;
    },
    logger,
    statusCallbackUrl: `${config.DISPATCH_PUBLIC_URL.replace(/\/+$/, '')}/v1/carriers/${carrier.id}/status`,
    http: { timeoutMs: config.DISPATCH_HTTP_TIMEOUT_MS, retries: config.DISPATCH_HTTP_RETRIES },
    smpp: {
      enquireLinkMs: config.DISPATCH_ENQUIRE_LINK_MS,
      responseTimeoutMs: config.DISPATCH_SUBMIT_TIMEOUT_MS,
      minBackoffMs: config.DISPATCH_RECONNECT_MIN_MS,
      maxBackoffMs: config.DISPATCH_RECONNECT_MAX_MS,
    },
    now: () => Date.now(),
  };
}
