import type { DeliveryState } from '@herald/contracts';
import type { SubmitOutcome } from '../../domain/submit-outcome';
import { throttled, transient, type HttpVerdict } from '../http-exchange';

// Delivery receipt `status` (https://developer.vonage.com/en/messaging/sms/guides/delivery-receipts).
const DLR_STATES: Readonly<Record<string, DeliveryState>> = {
  accepted: 'enroute',
  buffered: 'enroute',
  delivered: 'delivered',
  expired: 'expired',
  failed: 'undelivered',
  rejected: 'rejected',
  unknown: 'unknown',
};

export const DLR_STATUSES = Object.keys(DLR_STATES);

export function dlrState(status: string): DeliveryState | undefined {
  return Object.hasOwn(DLR_STATES, status) ? DLR_STATES[status] : undefined;
}

/** Delivery receipt `err-code`, published with the receipt as rawError; the state comes from `status`. */
export const DLR_ERRORS: Readonly<Record<string, string>> = {
  '0': 'delivered',
  '1': 'unknown',
  '2': 'absent subscriber, temporary',
  '3': 'absent subscriber, permanent',
  '4': 'call barred by user',
  '5': 'portability error',
  '6': 'anti-spam rejection',
  '7': 'handset busy',
  '8': 'network error',
  '9': 'illegal number',
  '10': 'illegal message',
  '11': 'unroutable',
  '12': 'destination unreachable',
  '13': 'subscriber age restriction',
  '14': 'number blocked by carrier',
  '15': 'prepaid insufficient funds',
  '99': 'general error',
};

type SendErrorKind = 'throttled' | 'retry' | 'transient' | 'permanent';

// Send answer `status` codes (https://developer.vonage.com/api-errors/sms). Retried at once: only
// an internal error. Account-level states that clear without touching the message (no credit,
// too many connections) are transient or throttled; everything about the message, the number,
// the sender or our credentials is permanent.
const SEND_ERRORS: Readonly<Record<string, [SendErrorKind, string]>> = {
  '1': ['throttled', 'throttled'],
  '2': ['permanent', 'missing parameters'],
  '3': ['permanent', 'invalid parameters'],
  '4': ['permanent', 'invalid credentials'],
  '5': ['retry', 'internal error'],
  '6': ['permanent', 'invalid message'],
  '7': ['permanent', 'number barred'],
  '8': ['permanent', 'partner account barred'],
  '9': ['transient', 'partner quota violation (no credit)'],
  '10': ['throttled', 'too many existing binds'],
  '11': ['permanent', 'account not enabled for HTTP'],
  '12': ['permanent', 'message too long'],
  '14': ['permanent', 'invalid signature'],
  '15': ['permanent', 'invalid sender address'],
  '22': ['permanent', 'invalid network code'],
  '23': ['permanent', 'invalid callback url'],
  '29': ['permanent', 'non-whitelisted destination'],
  '32': ['permanent', 'signature and api secret disallowed'],
  '33': ['permanent', 'number de-activated'],
};

/** A refused message (non-zero `status`); an undocumented code is permanent: never a blind resend. */
export function judgeSendStatus(status: string, errorText?: string): HttpVerdict {
  const [kind, meaning] = Object.hasOwn(SEND_ERRORS, status)
    ? SEND_ERRORS[status]
    : (['permanent', 'undocumented status'] as const);
  const reason = `vonage status ${status} (${meaning})${errorText === undefined ? '' : `: ${safeText(errorText)}`}`;
  if (kind === 'throttled') return { final: throttled(status) };
  if (kind === 'retry') return { retry: true, ifExhausted: transient(status, reason) };
  const outcome: SubmitOutcome =
    kind === 'transient' ? transient(status, reason) : { kind: 'permanent', rawStatus: status, reason };
  return { final: outcome };
}

/** Provider error text for our logs and reasons: short, and with any long digit run (a number) masked. */
export function safeText(text: string): string {
  return text.replace(/\+?\d{6,}/g, '<number>').slice(0, 120);
}
