import type { WebhookReading, WebhookRequest } from '../carrier-plugin';
import { verifyTwilioSignature } from './twilio-signature';
import { twilioDeliveryState } from './twilio-status';

/** The query parameter our message id rides on in the StatusCallback URL we give Twilio. */
export const MESSAGE_ID_PARAM = 'm';

const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ERROR_CODE = /^\d{1,6}$/;

/**
 * One StatusCallback request, https://www.twilio.com/docs/messaging/guides/track-outbound-message-status:
 * a form-encoded POST with MessageSid, MessageStatus, AccountSid, From, To, ApiVersion, SmsSid,
 * SmsStatus, and ErrorCode (failed, undelivered) and RawDlrDoneDate (YYMMDDhhmm, when the carrier's
 * receipt had one). Twilio may add parameters at any time; all of them are signed, none is refused.
 * Twilio has no timestamp in its signature, so there is no staleness to judge; dispatch dedupes.
 */
export function readTwilioCallback(req: WebhookRequest, authToken: string, accountSid: string): WebhookReading {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded'))
    return { ok: false, reason: 'malformed', detail: 'body is not application/x-www-form-urlencoded' };
  const params = [...new URLSearchParams(req.rawBody.toString('utf8'))];
  if (!verifyTwilioSignature(authToken, req.url, params, req.headers['x-twilio-signature']))
    return { ok: false, reason: 'unauthenticated', detail: 'X-Twilio-Signature does not verify' };
  const form = new Map(params);
  if (form.get('AccountSid') !== accountSid)
    return { ok: false, reason: 'unauthenticated', detail: 'AccountSid is not this carrier account' };
  const sid = form.get('MessageSid') ?? '';
  const status = form.get('MessageStatus') ?? '';
  const errorCode = form.get('ErrorCode');
  if (!SID.test(sid)) return { ok: false, reason: 'malformed', detail: 'MessageSid is missing or not a SID' };
  if (errorCode !== undefined && errorCode !== '' && !ERROR_CODE.test(errorCode))
    return { ok: false, reason: 'malformed', detail: 'ErrorCode is not a number' };
  const state = twilioDeliveryState(status, errorCode);
  if (state === undefined)
    return {
      ok: false,
      reason: 'malformed',
      detail: `MessageStatus "${status.slice(0, 32)}" is not a documented status`,
    };
  if (state === 'inbound') return { ok: true, reports: [] };
  const messageId = messageIdOf(req.url);
  const doneDate = form.get('RawDlrDoneDate');
  return {
    ok: true,
    reports: [
      {
        carrierMessageId: sid,
        state,
        rawStatus: status,
        ...(errorCode === undefined || errorCode === '' ? {} : { rawError: errorCode }),
        ...(messageId === undefined ? {} : { messageId }),
        ...(doneDate === undefined || doneDate === '' ? {} : { doneDate: doneDate.slice(0, 32) }),
      },
    ],
  };
}

function messageIdOf(url: string): string | undefined {
  try {
    const id = new URL(url).searchParams.get(MESSAGE_ID_PARAM);
    return id !== null && MESSAGE_ID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
