import { randomUUID } from 'node:crypto';
import type { SendMessageBody } from './telnyx-fake-request';

/** How a message ends at the fake: its final `to[].status` and, for a failure, the delivery error. */
export interface TelnyxOutcome {
  status: 'delivered' | 'delivery_failed' | 'sending_failed' | 'delivery_unconfirmed' | 'expired';
  error?: { code: string; title: string };
}

// GSM 03.38 basic set; the extension characters take two septets.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** Encoding and billed parts as Telnyx counts them: 160/153 GSM-7 septets, 70/67 UCS-2 units. */
export function encodingOf(text: string): { encoding: 'GSM-7' | 'UCS-2'; parts: number } {
  let septets = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'UCS-2', parts: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

/** The `data` of a 200 answer to POST /v2/messages (OutboundMessagePayload), to[0] queued. */
export function messageRecord(body: SendMessageBody, now: Date): Record<string, unknown> {
  const { encoding, parts } = encodingOf(body.text);
  return {
    record_type: 'message',
    direction: 'outbound',
    id: randomUUID(),
    type: 'SMS',
    messaging_profile_id: body.messaging_profile_id ?? '4000eba1-a0c0-4563-9925-b25e842a7cb6',
    organization_id: 'b448f9cc-a842-4784-98e9-03c1a5872950',
    from: { phone_number: body.from ?? '+18445550001', carrier: 'TELNYX LLC', line_type: 'VoIP' },
    to: [{ phone_number: body.to, status: 'queued', carrier: 'T-MOBILE USA, INC.', line_type: 'Wireless' }],
    cc: [],
    text: body.text,
    media: [],
    webhook_url: body.webhook_url ?? null,
    webhook_failover_url: null,
    encoding,
    parts,
    tags: [],
    cost: null,
    received_at: now.toISOString(),
    sent_at: null,
    completed_at: null,
    valid_until: null,
    errors: [],
  };
}

/**
 * A message.sent or message.finalized webhook for that message, as Telnyx posts it
 * (https://developers.telnyx.com/api-reference/callbacks/delivery-update).
 */
export function deliveryEvent(
  record: Record<string, unknown>,
  eventType: 'message.sent' | 'message.finalized',
  status: string,
  error: TelnyxOutcome['error'],
  deliveredTo: string,
  now: Date,
): Record<string, unknown> {
  const [to] = record.to as Array<Record<string, unknown>>;
  const final = eventType === 'message.finalized';
  return {
    data: {
      record_type: 'event',
      id: randomUUID(),
      event_type: eventType,
      occurred_at: now.toISOString(),
      payload: {
        ...record,
        to: [{ ...to, status }],
        sent_at: now.toISOString(),
        completed_at: final ? now.toISOString() : null,
        cost: final ? { amount: '0.0040', currency: 'USD' } : null,
        errors: error === undefined ? [] : [{ code: error.code, title: error.title, detail: error.title }],
      },
    },
    meta: { attempt: 1, delivered_to: deliveredTo },
  };
}
