import type { OutboundSms } from '../../domain/submit-outcome';
import type { CarrierContext, CarrierPlugin, CarrierWebhook, WebhookReading } from '../carrier-plugin';
import { field, type CommonCarrierConfig } from '../common-config';
import { HttpProviderAdapter, type ProviderProtocol, type ProviderRequest } from '../http-provider.adapter';
import { readInfobipReports } from './infobip-report';
import { judgeInfobipAnswer } from './infobip-status';
import { verifyBasicAuthorization } from './infobip-webhook-auth';

export interface InfobipCarrierConfig extends CommonCarrierConfig {
  type: 'infobip';
  /** The account's own base URL from the Infobip portal, e.g. https://xxxxx.api.infobip.com. */
  apiBaseUrl: string;
  /** Name of the environment variable holding the API key (`Authorization: App <key>`). */
  apiKeyEnv: string;
  /** Sender registered with Infobip; when absent each message goes out from its own source. */
  from?: string;
  /** Name of the environment variable holding the webhook's Basic credentials `user:pass[|old]`. */
  webhookSecretEnv: string;
  /**
   * `notifyUrl`: each request names dispatch's status URL. `subscription`: the request names none and
   * Infobip posts to the URL of the account's SMS delivery subscription, the one place Infobip
   * documents webhook credentials (see infobip-webhook-auth.ts).
   */
  deliveryReports: 'notifyUrl' | 'subscription';
}

export const SEND_PATH = '/sms/2/text/advanced';
// Infobip caps the validity period at 48 hours (longer is cut to 48h).
const MAX_VALIDITY_MINUTES = 48 * 60;

/**
 * Infobip SMS API, "Send SMS message" (fully featured):
 * POST {apiBaseUrl}/sms/2/text/advanced, `Authorization: App <apiKey>`, JSON
 *   { messages: [{ destinations: [{ to }], from, text, notifyUrl, notifyContentType,
 *                  callbackData, validityPeriod }], includeSmsCountInResponse: true }
 * Fields per https://dev-old.infobip.com/send-sms/fully-featured-text-message (`to` in
 * international format without "+", validityPeriod in minutes, callbackData echoed to notifyUrl);
 * base URL and `App` key per https://www.infobip.com/docs/developer-resources/quickstart. Infobip
 * now also serves /sms/3/messages; v2 is still served and its report format is published in full.
 *
 * Infobip picks GSM-7 or UCS-2 from the text and concatenates long texts, so the whole body goes in
 * one request. Our message id travels in callbackData and comes back in every delivery report; we
 * leave destinations[].messageId to Infobip, which documents no rule for an id sent twice (a retry
 * after a 5xx would). No idempotency key is documented, so an unanswered request is ambiguous.
 */
export const infobipCarrier: CarrierPlugin<InfobipCarrierConfig> = {
  type: 'infobip',
  schema: {
    required: ['apiBaseUrl', 'apiKeyEnv', 'webhookSecretEnv'],
    properties: {
      apiBaseUrl: field.url(),
      apiKeyEnv: field.secretName(),
      from: field.text(
        /^([A-Za-z0-9 ]{3,11}|\d{3,14})$/,
        'must be an Infobip sender: 3-11 letters or digits, or a number of 3-14 digits',
      ),
      webhookSecretEnv: field.secretName(),
      deliveryReports: field.oneOf(['notifyUrl', 'subscription']),
    },
  },
  secretFields: ['apiKeyEnv', 'webhookSecretEnv'],
  withDefaults: (c) => ({ ...c, deliveryReports: c.deliveryReports ?? 'notifyUrl' }),
  create: (config, ctx) => {
    const apiKey = ctx.secret(config.apiKeyEnv);
    const protocol: ProviderProtocol = {
      request: (sms) => infobipRequest(config, apiKey, sms, ctx),
      read: (answer, sms) => judgeInfobipAnswer(answer, sms.parts.length),
    };
    return new HttpProviderAdapter(config.id, config.windowSize, protocol, ctx.http);
  },
  webhook: (config, ctx): CarrierWebhook => {
    const credentials = ctx.secret(config.webhookSecretEnv).split('|').filter(Boolean);
    return {
      read: (req): WebhookReading =>
        verifyBasicAuthorization(req.headers['authorization'], credentials)
          ? readInfobipReports(req.rawBody)
          : { ok: false, reason: 'unauthenticated', detail: 'Authorization is not the configured Basic credentials' },
    };
  },
};

export function infobipRequest(
  config: InfobipCarrierConfig,
  apiKey: string,
  sms: OutboundSms,
  ctx: Pick<CarrierContext, 'statusCallbackUrl' | 'now'>,
): ProviderRequest {
  const minutesLeft = Math.ceil((sms.expiresAt - ctx.now()) / 60_000);
  const message = {
    destinations: [{ to: sms.destination.replace(/^\+/, '') }],
    from: config.from ?? sms.source,
    text: sms.parts.join(''),
    ...(config.deliveryReports === 'subscription'
      ? {}
      : { notifyUrl: ctx.statusCallbackUrl, notifyContentType: 'application/json' }),
    callbackData: sms.messageId,
    validityPeriod: Math.min(MAX_VALIDITY_MINUTES, Math.max(1, minutesLeft)),
  };
  return {
    url: `${config.apiBaseUrl.replace(/\/+$/, '')}${SEND_PATH}`,
    headers: {
      authorization: `App ${apiKey}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({ messages: [message], includeSmsCountInResponse: true }),
  };
}
