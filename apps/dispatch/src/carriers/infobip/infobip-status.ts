import type { DeliveryState } from '@herald/contracts';
import { NO_PARTS } from '../../domain/submit-outcome';
import { isObject, judgeByStatus, type HttpAnswer, type HttpVerdict } from '../http-exchange';

// Infobip status objects `{ groupId, groupName, id, name, description }`: the group decides, the
// name (e.g. DELIVERED_TO_HANDSET) is kept raw. Groups, from
// https://www.infobip.com/docs/essentials/response-status-and-error-codes :
//   1 PENDING (3 PENDING_WAITING_DELIVERY, 7 PENDING_ENROUTE, 26 PENDING_ACCEPTED)
//   2 UNDELIVERABLE (4 UNDELIVERABLE_REJECTED_OPERATOR, 9 UNDELIVERABLE_NOT_DELIVERED)
//   3 DELIVERED (2 DELIVERED_TO_OPERATOR, 5 DELIVERED_TO_HANDSET)
//   4 EXPIRED (15 EXPIRED_EXPIRED, 29 EXPIRED_DLR_UNKNOWN)
//   5 REJECTED (6 REJECTED_NETWORK, 8 REJECTED_PREFIX_MISSING, 12 REJECTED_NOT_ENOUGH_CREDITS, ...)
const GROUPS: Record<string, DeliveryState> = {
  PENDING: 'enroute',
  UNDELIVERABLE: 'undelivered',
  DELIVERED: 'delivered',
  EXPIRED: 'expired',
  REJECTED: 'rejected',
};
const GROUP_NAMES_BY_ID = ['', 'PENDING', 'UNDELIVERABLE', 'DELIVERED', 'EXPIRED', 'REJECTED'];

export interface InfobipStatus {
  groupId?: number;
  groupName?: string;
  id?: number;
  name?: string;
}

/** A status group in Herald's words; a group Infobip adds later reads `unknown`. */
export function infobipState(status: InfobipStatus): DeliveryState {
  const group = status.groupName ?? GROUP_NAMES_BY_ID[status.groupId ?? 0] ?? '';
  return GROUPS[group.toUpperCase()] ?? 'unknown';
}

/**
 * The answer to POST /sms/2/text/advanced. 200: `{ bulkId?, messages: [{ to, messageId, status,
 * smsCount? }] }`, accepted when the status group is PENDING; any other group (REJECTED_* for a
 * blocked prefix, no credit, ...) is a refusal of this message. Errors: `{ requestError:
 * { serviceException: { messageId, text } } }` (messageId is an error code such as BAD_REQUEST or
 * UNAUTHORIZED); 401 and other 4xx permanent, 429 throttled, 5xx retried then transient.
 */
export function judgeInfobipAnswer(answer: HttpAnswer, fallbackSegments: number): HttpVerdict {
  const body = isObject(answer.body) ? answer.body : {};
  if (answer.status >= 200 && answer.status < 300) return judgeAccepted(body, fallbackSegments);
  const exception = isObject(body.requestError) ? body.requestError.serviceException : undefined;
  const code = isObject(exception) && typeof exception.messageId === 'string' ? exception.messageId : undefined;
  const text = isObject(exception) && typeof exception.text === 'string' ? scrub(exception.text) : undefined;
  return judgeByStatus(answer, {
    ids: [],
    segments: fallbackSegments,
    ...(code === undefined ? {} : { rawStatus: code.slice(0, 64) }),
    ...(text === undefined ? {} : { error: `${code ?? answer.status}: ${text}` }),
  });
}

function judgeAccepted(body: Record<string, unknown>, fallbackSegments: number): HttpVerdict {
  const first = Array.isArray(body.messages) ? body.messages[0] : undefined;
  if (!isObject(first) || typeof first.messageId !== 'string' || !isObject(first.status))
    return {
      final: {
        kind: 'ambiguous',
        rawStatus: 'NO_MESSAGE_IN_ANSWER',
        reason: 'Infobip answered 2xx without a message entry',
        acceptedParts: NO_PARTS,
      },
    };
  const status = first.status as InfobipStatus;
  const name = typeof status.name === 'string' ? status.name : 'UNKNOWN';
  if (infobipState(status) !== 'enroute')
    return { final: { kind: 'permanent', rawStatus: name, reason: `Infobip refused the message: ${name}` } };
  const billed = typeof first.smsCount === 'number' && first.smsCount > 0 ? first.smsCount : fallbackSegments;
  return { final: { kind: 'submitted', carrierMessageIds: [first.messageId], segments: billed } };
}

// A provider's error text may quote the destination back: no run of digits long enough to be a
// phone number leaves this module.
function scrub(text: string): string {
  return text.replace(/\+?\d{6,}/g, '<number>').slice(0, 200);
}
