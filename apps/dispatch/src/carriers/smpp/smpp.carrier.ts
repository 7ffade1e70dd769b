import type { CarrierPlugin } from '../carrier-plugin';
import { field, type CommonCarrierConfig } from '../common-config';
import { SmppCarrierAdapter } from './smpp-carrier.adapter';

export interface SmppCarrierConfig extends CommonCarrierConfig {
  type: 'smpp';
  host: string;
  port: number;
  systemId: string;
  systemType?: string;
  /** Name of the environment variable holding the bind password. */
  passwordEnv?: string;
  /** How long concatenated parts are tied together: UDH in the body, or SAR TLVs. */
  concat: 'udh' | 'sar';
  /** What this SMSC means by a receipt's `stat:ACCEPTD`. */
  acceptdAs: 'enroute' | 'delivered';
}

/** A carrier over an SMPP 3.4 transceiver bind; receipts and MOs arrive as deliver_sm on it. */
export const smppCarrier: CarrierPlugin<SmppCarrierConfig> = {
  type: 'smpp',
  schema: {
    required: ['host', 'port', 'systemId'],
    properties: {
      host: field.text(),
      port: field.int(1, 65535),
      systemId: field.text(),
      systemType: field.text(),
      passwordEnv: field.secretName(),
      concat: field.oneOf(['udh', 'sar']),
      acceptdAs: field.oneOf(['enroute', 'delivered']),
    },
  },
  secretFields: ['passwordEnv'],
  withDefaults: (c) => ({ ...c, concat: c.concat ?? 'udh', acceptdAs: c.acceptdAs ?? 'enroute' }),
  create: (config, ctx) =>
    new SmppCarrierAdapter({
      carrier: config,
      password: config.passwordEnv === undefined ? '' : ctx.secret(config.passwordEnv),
      ...ctx.smpp,
      logger: ctx.logger,
    }),
};
