import type { CarrierPlugin, CarrierWebhook } from '../carrier-plugin';
import { field, type CommonCarrierConfig } from '../common-config';
import { HttpProviderAdapter, type ProviderProtocol } from '../http-provider.adapter';
import { readDeliveryReceipt } from './vonage-dlr';
import { readSendAnswer, sendRequest } from './vonage-send';
import { SIGNATURE_METHODS, type SignatureMethod } from './vonage-signature';

export interface VonageCarrierConfig extends CommonCarrierConfig {
  type: 'vonage';
  /** The account's API key (not a secret: it travels in every receipt as `api-key`). */
  apiKey: string;
  /** Name of the environment variable holding the API secret. */
  apiSecretEnv: string;
  /**
   * Name of the environment variable holding the signature secret (signed webhooks enabled on
   * the account). Without it the carrier's delivery receipts are refused.
   */
  signatureSecretEnv?: string;
  /** The account's signature method, as set in the dashboard (Vonage's default: md5hash). */
  signatureMethod: SignatureMethod;
  /** Sender (alphanumeric or an E.164 number) overriding the message's own. */
  from?: string;
  apiBaseUrl: string;
}

export const VONAGE_API_BASE_URL = 'https://rest.nexmo.com';

/**
 * The Vonage SMS API (legacy, rest.nexmo.com): one form POST per message, the whole text in it
 * (Vonage splits and concatenates; `type=unicode` for a UCS-2 body); delivery receipts per part,
 * signed, with our message id echoed as `client-ref`.
 */
export const vonageCarrier: CarrierPlugin<VonageCarrierConfig> = {
  type: 'vonage',
  schema: {
    required: ['apiKey', 'apiSecretEnv'],
    properties: {
      apiKey: field.text(/^[A-Za-z0-9]{8}$/, 'must be the 8-character Vonage API key'),
      apiSecretEnv: field.secretName(),
      signatureSecretEnv: field.secretName(),
      signatureMethod: field.oneOf(SIGNATURE_METHODS),
      from: field.text(/^(\+?\d{1,15}|[A-Za-z0-9 ._&-]{1,11})$/, 'must be an E.164 number or up to 11 letters/digits'),
      apiBaseUrl: field.url(),
    },
  },
  secretFields: ['apiSecretEnv', 'signatureSecretEnv'],
  withDefaults: (c) => ({
    ...c,
    signatureMethod: c.signatureMethod ?? 'md5hash',
    apiBaseUrl: c.apiBaseUrl ?? VONAGE_API_BASE_URL,
  }),
  create: (config, ctx) => {
    const settings = {
      apiBaseUrl: config.apiBaseUrl,
      apiKey: config.apiKey,
      apiSecret: ctx.secret(config.apiSecretEnv),
      callbackUrl: ctx.statusCallbackUrl,
      ...(config.from === undefined ? {} : { from: config.from }),
    };
    const protocol: ProviderProtocol = {
      request: (sms) => sendRequest(settings, sms, ctx.now()),
      read: (answer, sms) => readSendAnswer(answer, sms),
    };
    return new HttpProviderAdapter(config.id, config.windowSize, protocol, ctx.http);
  },
  webhook: (config, ctx): CarrierWebhook => {
    const secret = config.signatureSecretEnv === undefined ? undefined : ctx.secret(config.signatureSecretEnv);
    return {
      read: (req) =>
        readDeliveryReceipt(req, {
          ...(secret === undefined ? {} : { secret }),
          method: config.signatureMethod,
          nowMs: ctx.now(),
        }),
    };
  },
};
