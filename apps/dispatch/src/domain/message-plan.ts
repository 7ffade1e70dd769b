import type { SmsApprovedV1 } from '@herald/contracts';
import { splitSegments } from '@herald/sms-encoding';
import { isGsm7Encodable } from '@herald/smpp';
import { referenceFor } from './message-reference';
import type { OutboundSms } from './submit-outcome';

export type PlanResult = { ok: true; sms: OutboundSms } | { ok: false; field: string; reason: string };

/** Builds what the carrier gets from an approved message whose body and number were decrypted. */
export function planMessage(m: SmsApprovedV1, body: string, e164: string): PlanResult {
  if (!/^\+\d{6,15}$/.test(e164))
    return { ok: false, field: 'recipient.phoneEnc', reason: 'does not decrypt to an E.164 number' };
  if (body.length === 0) return { ok: false, field: 'bodyEnc', reason: 'decrypts to an empty body' };
  if (m.encoding === 'GSM7' && !isGsm7Encodable(body)) {
    return {
      ok: false,
      field: 'encoding',
      reason: 'is GSM7 but the body has characters outside the GSM 03.38 alphabet',
    };
  }
  const expiresAt = Date.parse(m.expiresAt);
  if (Number.isNaN(expiresAt)) return { ok: false, field: 'expiresAt', reason: 'is not a timestamp' };
  let parts: string[];
  try {
    parts = splitSegments(body, m.encoding);
  } catch (e) {
    return { ok: false, field: 'encoding', reason: `cannot split the body as ${m.encoding}: ${(e as Error).message}` };
  }
  const sms: OutboundSms = {
    messageId: m.messageId,
    reference: referenceFor(m.messageId),
    destination: e164,
    source: m.senderId,
    parts,
    encoding: m.encoding,
    expiresAt,
    country: m.recipient.country,
  };
  if (m.entityId !== undefined) sms.entityId = m.entityId;
  if (m.registeredTemplateId !== undefined) sms.registeredTemplateId = m.registeredTemplateId;
  return { ok: true, sms };
}
