import type { CarrierStatusReport, WebhookReading } from '../carrier-plugin';
import { isObject } from '../http-exchange';
import { firstTelnyxError, telnyxState } from './telnyx-status';

/** The query parameter of our webhook_url that carries Herald's message id back. */
export const MESSAGE_ID_PARAM = 'm';
// Outbound delivery events; others (message.received for inbound SMS...) are acknowledged and ignored.
const STATUS_EVENTS = new Set(['message.sent', 'message.finalized']);

/**
 * A Telnyx messaging event, already authenticated:
 *   { data: { record_type: 'event', event_type, id, occurred_at,
 *             payload: { id, to: [{ phone_number, status }], errors: [{ code, title }], webhook_url,
 *                        completed_at, ... } },
 *     meta: { attempt, delivered_to } }
 * Herald sends to one number, so `to[0]` is the status. Our message id is read from
 * `payload.webhook_url`, inside the signed body: the request URL is not signed, and a replayed
 * body sent to another `?m=` must not be credited to another message.
 */
export function readTelnyxEvent(rawBody: Buffer): WebhookReading {
  let doc: unknown;
  try {
    doc = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return malformed('body is not JSON');
  }
  const data = isObject(doc) && isObject(doc.data) ? doc.data : undefined;
  if (data === undefined || typeof data.event_type !== 'string') return malformed('data.event_type is required');
  if (!STATUS_EVENTS.has(data.event_type)) return { ok: true, reports: [] };
  const payload = isObject(data.payload) ? data.payload : {};
  if (!text(payload.id, 128)) return malformed('data.payload.id is required');
  const to: unknown = Array.isArray(payload.to) ? payload.to[0] : undefined;
  if (!isObject(to) || !text(to.status, 32)) return malformed('data.payload.to[0].status is required');
  const error = firstTelnyxError(payload.errors);
  const state = telnyxState(to.status, error?.code);
  if (state === undefined) return malformed(`status "${to.status}" is not a known Telnyx status`);
  const messageId = messageIdOf(payload.webhook_url);
  const doneDate = [payload.completed_at, data.occurred_at].find((d) => text(d, 40));
  const report: CarrierStatusReport = {
    carrierMessageId: payload.id,
    state,
    rawStatus: to.status,
    ...(error === undefined ? {} : { rawError: error.code }),
    ...(messageId === undefined ? {} : { messageId }),
    ...(typeof doneDate === 'string' ? { doneDate } : {}),
  };
  return { ok: true, reports: [report] };
}

function messageIdOf(webhookUrl: unknown): string | undefined {
  if (!text(webhookUrl, 2000)) return undefined;
  try {
    const id = new URL(webhookUrl).searchParams.get(MESSAGE_ID_PARAM);
    return id !== null && /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

function text(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

function malformed(detail: string): WebhookReading {
  return { ok: false, reason: 'malformed', detail };
}
