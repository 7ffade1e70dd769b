import type { DeliveryState } from '@herald/contracts';
import type { OutboundSms } from '../../domain/submit-outcome';
import { isObject, judgeByStatus, throttled, type HttpAnswer, type HttpVerdict } from '../http-exchange';

// `to[].status` of a Telnyx message (OutboundMessagePayload in the v2 API reference,
// https://developers.telnyx.com/api-reference/messages/send-a-message; meanings from
// https://developers.telnyx.com/docs/messaging/messages/message-detail-records).
const STATUS_TO_STATE: Record<string, DeliveryState> = {
  // Still on the way: scheduled or queued at Telnyx, being handed to the carrier, or handed over.
  scheduled: 'enroute',
  queued: 'enroute',
  sending: 'enroute',
  sent: 'enroute',
  delivered: 'delivered',
  // The carrier reported it could not deliver.
  delivery_failed: 'undelivered',
  // Telnyx could not hand it to any carrier (a refusal before the network, like SMPP REJECTD),
  // including a message discarded after `valid_until`.
  sending_failed: 'rejected',
  expired: 'expired',
  // A scheduled message cancelled before sending (Herald never schedules), like SMPP DELETED.
  cancelled: 'undelivered',
  // Handed to the carrier, which never confirmed either way.
  delivery_unconfirmed: 'unknown',
};

// Delivery errors that say the validity ran out (https://developers.telnyx.com/docs/messaging/messages/error-codes):
// 40005 "Message expired", 40014 "Expired in queue".
const EXPIRY_ERRORS = new Set(['40005', '40014']);
// Refusals that mean "slow down" rather than "never": 10011 "Too many requests", 40318 "Queue full".
const THROTTLE_ERRORS = new Set(['10011', '40318']);

/** The canonical state of a Telnyx status and its error code, or undefined when the status is not one we know. */
export function telnyxState(status: string, errorCode?: string): DeliveryState | undefined {
  const state = STATUS_TO_STATE[status];
  const failed = state === 'undelivered' || state === 'rejected';
  return failed && errorCode !== undefined && EXPIRY_ERRORS.has(errorCode) ? 'expired' : state;
}

/** A Telnyx error (`{ code, title, detail, source }`) as its code and title; `detail` may quote the number. */
export function firstTelnyxError(errors: unknown): { code: string; title: string } | undefined {
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  if (!isObject(first)) return undefined;
  const code = typeof first.code === 'string' || typeof first.code === 'number' ? String(first.code) : undefined;
  if (code === undefined || !/^\d{1,8}$/.test(code)) return undefined;
  const title = typeof first.title === 'string' ? first.title.slice(0, 120) : '';
  return { code, title };
}

/**
 * The answer to POST /v2/messages: 200 `{ data: { id, parts, ... } }`, `parts` being the segments
 * Telnyx bills; a refusal `{ errors: [{ code, title, detail }] }` with a 4xx (40300 STOP in effect,
 * 40310 invalid `to`, 10009 authentication...), 429 when throttled, 5xx when Telnyx failed.
 */
export function readTelnyxAnswer(answer: HttpAnswer, sms: OutboundSms): HttpVerdict {
  const body = isObject(answer.body) ? answer.body : {};
  const data = isObject(body.data) ? body.data : {};
  const error = firstTelnyxError(body.errors);
  if (error !== undefined && answer.status >= 400 && answer.status < 500 && THROTTLE_ERRORS.has(error.code))
    return { final: throttled(error.code, answer.retryAfter) };
  const parts = data.parts;
  return judgeByStatus(answer, {
    ids: typeof data.id === 'string' && data.id !== '' ? [data.id] : [],
    segments: typeof parts === 'number' && Number.isInteger(parts) && parts > 0 ? parts : sms.parts.length,
    ...(error === undefined ? {} : { error: `${error.code} ${error.title}`.trim(), rawStatus: error.code }),
  });
}
