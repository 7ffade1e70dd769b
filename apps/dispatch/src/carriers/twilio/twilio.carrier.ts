import { HeraldError } from '@herald/contracts';
import type { OutboundSms } from '../../domain/submit-outcome';
import type { CarrierContext, CarrierPlugin } from '../carrier-plugin';
import { CARRIERS_FILE_KEY, field, type CommonCarrierConfig } from '../common-config';
import { HttpProviderAdapter, type ProviderProtocol, type ProviderRequest } from '../http-provider.adapter';
import { MESSAGE_ID_PARAM, readTwilioCallback } from './twilio-callback';
import { readCreateAnswer } from './twilio-status';

export interface TwilioCarrierConfig extends CommonCarrierConfig {
  type: 'twilio';
  /** AC... : the account that sends and whose callbacks are accepted. */
  accountSid: string;
  /** Name of the environment variable holding the account's auth token (Basic auth, signatures). */
  authTokenEnv: string;
  /** The sender: a Twilio number in E.164, a short code or an alphanumeric sender ID. */
  from?: string;
  /** MG... : a Messaging Service that picks the sender; used instead of `from` when set. */
  messagingServiceSid?: string;
  apiBaseUrl: string;
}

export const TWILIO_API_BASE_URL = 'https://api.twilio.com';
// ValidityPeriod: seconds a message may wait in Twilio's queue, 1..36000 (error 21624 otherwise).
const MAX_VALIDITY_SECONDS = 36_000;

/**
 * Twilio Programmable Messaging, Create a Message resource:
 * https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 *   POST {apiBaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic AccountSid:AuthToken,
 *   form-encoded To, From | MessagingServiceSid, Body, StatusCallback, ValidityPeriod;
 *   201 with the Message resource (`sid` SM..., `status`, `num_segments`).
 * Twilio picks GSM-7 or UCS-2 from the body itself and concatenates; it takes no idempotency key,
 * so an unanswered request is ambiguous. Our message id rides on the StatusCallback URL (`?m=`).
 */
export const twilioCarrier: CarrierPlugin<TwilioCarrierConfig> = {
  type: 'twilio',
  schema: {
    required: ['accountSid', 'authTokenEnv'],
    properties: {
      accountSid: field.text(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio Account SID (AC followed by 32 hex digits)'),
      authTokenEnv: field.secretName(),
      from: field.text(
        /^(\+[1-9]\d{1,14}|\d{3,8}|[A-Za-z0-9 ]{1,11})$/,
        'must be an E.164 number, a short code or a sender ID',
      ),
      messagingServiceSid: field.text(
        /^MG[0-9a-fA-F]{32}$/,
        'must be a Messaging Service SID (MG followed by 32 hex digits)',
      ),
      apiBaseUrl: field.url(),
    },
  },
  secretFields: ['authTokenEnv'],
  withDefaults: (c) => {
    // The schema cannot say "one of two keys"; this is the same one-line error, naming both.
    if (c.from === undefined && c.messagingServiceSid === undefined)
      throw new HeraldError(
        'CONFIG_INVALID',
        `${CARRIERS_FILE_KEY}: carrier ${c.id}: set "from" or "messagingServiceSid" (the Twilio sender)`,
      );
    return { ...c, apiBaseUrl: (c.apiBaseUrl ?? TWILIO_API_BASE_URL).replace(/\/+$/, '') };
  },
  create: (config, ctx) => {
    const protocol: ProviderProtocol = {
      request: (sms) => createMessageRequest(config, ctx, sms),
      read: (answer, sms) => readCreateAnswer(answer, sms.parts.length),
    };
    return new HttpProviderAdapter(config.id, config.windowSize, protocol, ctx.http);
  },
  webhook: (config, ctx) => {
    const authToken = ctx.secret(config.authTokenEnv);
    return { read: (req) => readTwilioCallback(req, authToken, config.accountSid) };
  },
};

function createMessageRequest(config: TwilioCarrierConfig, ctx: CarrierContext, sms: OutboundSms): ProviderRequest {
  const credentials = Buffer.from(`${config.accountSid}:${ctx.secret(config.authTokenEnv)}`).toString('base64');
  const form = new URLSearchParams({ To: sms.destination });
  if (config.messagingServiceSid !== undefined) form.set('MessagingServiceSid', config.messagingServiceSid);
  else form.set('From', config.from as string);
  form.set('Body', sms.parts.join(''));
  form.set('StatusCallback', withMessageId(ctx.statusCallbackUrl, sms.messageId));
  const seconds = Math.ceil((sms.expiresAt - ctx.now()) / 1000);
  form.set('ValidityPeriod', String(Math.min(Math.max(seconds, 1), MAX_VALIDITY_SECONDS)));
  return {
    url: `${config.apiBaseUrl}/2010-04-01/Accounts/${config.accountSid}/Messages.json`,
    headers: {
      authorization: `Basic ${credentials}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: form.toString(),
  };
}

// Appended as text, not through URL(): Twilio signs the URL exactly as we gave it, and dispatch
// rebuilds it from DISPATCH_PUBLIC_URL, so no normalization may slip in between.
function withMessageId(callbackUrl: string, messageId: string): string {
  const separator = callbackUrl.includes('?') ? '&' : '?';
  return `${callbackUrl}${separator}${MESSAGE_ID_PARAM}=${encodeURIComponent(messageId)}`;
}
