import type { DeliveryState } from '@herald/contracts';
import { isObject, judgeByStatus, throttled, type HttpAnswer, type HttpVerdict } from '../http-exchange';

// Message status values, https://www.twilio.com/docs/messaging/api/message-resource#message-status-values
// and which of them reach a StatusCallback:
// https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks
const STATUS_TO_STATE: Record<string, DeliveryState> = {
  accepted: 'enroute',
  scheduled: 'enroute',
  queued: 'enroute',
  sending: 'enroute',
  // Handed to the carrier; carriers that send no delivery receipt leave a message here for good.
  sent: 'enroute',
  delivered: 'delivered',
  // A read receipt (WhatsApp, RCS) implies delivery.
  read: 'delivered',
  // The carrier's delivery receipt says not delivered (handset unreachable, filtered, landline...).
  undelivered: 'undelivered',
  // "The Message couldn't be sent": Twilio never handed it to a carrier (queue overflow, account
  // suspended, a Messaging Service's late validation such as 21610 unsubscribed). Like SMPP
  // REJECTD, the provider refused it, so `rejected` rather than `undelivered`.
  failed: 'rejected',
  // A scheduled message cancelled before sending; Herald does not schedule at Twilio, so this is
  // someone cancelling it in Twilio's console: it was never sent.
  canceled: 'rejected',
  // Group MMS only; no single verdict for an SMS.
  partially_delivered: 'unknown',
};

// Statuses of inbound messages: a callback carrying one is not about anything Herald sent.
const INBOUND = new Set(['receiving', 'received']);

// 30036 Validity Period Expired: Twilio dropped it from its queue once our ValidityPeriod passed.
const EXPIRED_IN_QUEUE = '30036';

/**
 * The canonical state of a callback's MessageStatus (and ErrorCode), 'inbound' for a status of an
 * inbound message, or undefined for a status Twilio does not document.
 */
export function twilioDeliveryState(status: string, errorCode?: string): DeliveryState | 'inbound' | undefined {
  if (INBOUND.has(status)) return 'inbound';
  const state = STATUS_TO_STATE[status];
  return state === 'rejected' && errorCode === EXPIRED_IN_QUEUE ? 'expired' : state;
}

// Create Message errors, https://www.twilio.com/docs/api/errors: our own words, because Twilio's
// `message` quotes the phone number ("The 'To' number +33... is not a valid phone number").
const ERROR_TEXT: Record<number, string> = {
  20003: 'authentication failed (account SID or auth token)',
  20404: 'account or resource not found',
  20429: 'too many requests',
  21211: "invalid 'To' number",
  21212: "invalid 'From' number",
  21408: 'no permission to send to this region (Geo Permissions)',
  21602: 'message body is required',
  21606: "'From' cannot send SMS to this destination",
  21608: 'unverified destination on a trial account',
  21610: 'the recipient unsubscribed (replied STOP)',
  21612: "'To' is not reachable from 'From'",
  21614: "'To' is not a mobile number",
  21617: 'body exceeds 1600 characters',
  21624: 'invalid ValidityPeriod',
  30007: 'blocked by carrier filtering',
};

const TOO_MANY_REQUESTS = 20429;

/**
 * Reads Twilio's answer to Create Message: 201 with the Message resource (`sid`, `num_segments`),
 * or an error `{ code, message, more_info, status }`. The HTTP status decides (judgeByStatus),
 * except that error 20429 is throttling whatever status carries it. `num_segments` is "0" when a
 * Messaging Service picks the sender, so then our own part count stands.
 */
export function readCreateAnswer(x: HttpAnswer, parts: number): HttpVerdict {
  const body = isObject(x.body) ? x.body : {};
  const code = typeof body.code === 'number' ? body.code : undefined;
  const rawStatus = code === undefined ? undefined : String(code);
  if (code === TOO_MANY_REQUESTS) return { final: throttled(rawStatus as string, x.retryAfter) };
  const sid = typeof body.sid === 'string' ? body.sid : undefined;
  const segments = Number(body.num_segments);
  return judgeByStatus(x, {
    ids: sid === undefined ? [] : [sid],
    segments: Number.isInteger(segments) && segments > 0 ? segments : parts,
    ...(code === undefined ? {} : { error: `Twilio ${code}: ${ERROR_TEXT[code] ?? 'see more_info'}` }),
    ...(rawStatus === undefined ? {} : { rawStatus }),
  });
}
