import type { CarrierPlugin, CarrierWebhook, WebhookReading } from '../carrier-plugin';
import { field, type CommonCarrierConfig } from '../common-config';
import { HttpProviderAdapter, type ProviderProtocol } from '../http-provider.adapter';
import { MESSAGE_ID_PARAM, readTelnyxEvent } from './telnyx-event';
import { telnyxPublicKey, verifyTelnyxSignature } from './telnyx-signature';
import { readTelnyxAnswer } from './telnyx-status';

export interface TelnyxCarrierConfig extends CommonCarrierConfig {
  type: 'telnyx';
  /** Name of the environment variable holding the API v2 key (sent as a bearer token). */
  apiKeyEnv: string;
  /** The account's Ed25519 public key, base64, that webhooks verify with (public, not a secret). */
  publicKey: string;
  /** Sender: a +E.164 number, short code or alphanumeric ID; the message's own source when absent. */
  from?: string;
  /** Messaging profile; Telnyx requires it for alphanumeric senders and number pools. */
  messagingProfileId?: string;
  apiBaseUrl: string;
}

export const TELNYX_API_BASE_URL = 'https://api.telnyx.com';

/**
 * Telnyx Messaging API v2 (https://developers.telnyx.com/api-reference/messages/send-a-message):
 * `POST /v2/messages` with a bearer key and JSON `{ from, to, text, messaging_profile_id?,
 * webhook_url, use_profile_webhooks: false, type: 'SMS' }`. Telnyx picks GSM-7 or UCS-2 itself and
 * concatenates; `data.parts` is what it bills. The endpoint declares no Idempotency-Key (Telnyx
 * honours one only where an endpoint's reference says so), so an unanswered request stays ambiguous.
 * Status webhooks (message.sent, message.finalized) are Ed25519-signed (telnyx-signature.ts).
 */
export const telnyxCarrier: CarrierPlugin<TelnyxCarrierConfig> = {
  type: 'telnyx',
  schema: {
    required: ['apiKeyEnv', 'publicKey'],
    properties: {
      apiKeyEnv: field.secretName(),
      publicKey: field.text(
        /^[A-Za-z0-9+/]{43}=$/,
        'must be the base64 Ed25519 public key from Mission Control (44 characters)',
      ),
      from: field.text(
        /^(\+[1-9]\d{1,14}|\d{3,8}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/,
        'must be a +E.164 number, a short code or an alphanumeric sender ID of up to 11 characters',
      ),
      messagingProfileId: field.text(
        /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
        'must be a messaging profile id (UUID)',
      ),
      apiBaseUrl: field.url(),
    },
  },
  secretFields: ['apiKeyEnv'],
  withDefaults: (c) => ({ ...c, apiBaseUrl: c.apiBaseUrl ?? TELNYX_API_BASE_URL }),
  create: (config, ctx) => {
    const apiKey = ctx.secret(config.apiKeyEnv);
    const url = `${config.apiBaseUrl.replace(/\/+$/, '')}/v2/messages`;
    const protocol: ProviderProtocol = {
      request: (sms) => ({
        url,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${apiKey}`,
        },
        body: JSON.stringify({
          from: config.from ?? sms.source,
          to: sms.destination,
          text: sms.parts.join(''),
          ...(config.messagingProfileId === undefined ? {} : { messaging_profile_id: config.messagingProfileId }),
          webhook_url: callbackUrl(ctx.statusCallbackUrl, sms.messageId),
          // Only our callback: the profile's webhook would get the same events a second time.
          use_profile_webhooks: false,
          type: 'SMS',
        }),
      }),
      read: readTelnyxAnswer,
    };
    return new HttpProviderAdapter(config.id, config.windowSize, protocol, ctx.http);
  },
  webhook: (config, ctx): CarrierWebhook => {
    const key = telnyxPublicKey(config.publicKey);
    return {
      read: (req): WebhookReading => {
        const signed = {
          timestamp: req.headers['telnyx-timestamp'],
          signature: req.headers['telnyx-signature-ed25519'],
          rawBody: req.rawBody,
        };
        const verdict = verifyTelnyxSignature(signed, key, ctx.now());
        if (!verdict.ok)
          return {
            ok: false,
            reason: verdict.reason === 'stale_timestamp' ? 'stale' : 'unauthenticated',
            detail: verdict.reason,
          };
        return readTelnyxEvent(req.rawBody);
      },
    };
  },
};

/** Our status callback URL with the message id Telnyx will echo back in `payload.webhook_url`. */
function callbackUrl(statusCallbackUrl: string, messageId: string): string {
  const url = new URL(statusCallbackUrl);
  url.searchParams.set(MESSAGE_ID_PARAM, messageId);
  return url.toString();
}
