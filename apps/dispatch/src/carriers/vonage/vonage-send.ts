import type { OutboundSms } from '../../domain/submit-outcome';
import { isObject, judgeByStatus, type HttpAnswer, type HttpVerdict } from '../http-exchange';
import type { ProviderRequest } from '../http-provider.adapter';
import { judgeSendStatus, safeText } from './vonage-status';

// Send an SMS (https://developer.vonage.com/en/api/sms#send-an-sms):
//   POST {base}/sms/json, application/x-www-form-urlencoded:
//   api_key, api_secret, from, to (E.164 digits, no '+'), text, type (text | unicode),
//   status-report-req (1), callback (DLR URL), client-ref (<= 40 chars, echoed in the DLR),
//   ttl (ms, 20000..604800000), entity-id / content-id (India DLT).
// Answer 200 JSON { "message-count": "N", messages: [{ to, "message-id", status: "0", ... }] }:
// one entry per concatenated part, each with its own id; a refused part is
// { status: "<non-zero>", "error-text" }.
export const CLIENT_REF_MAX = 40;
export const TTL_MIN_MS = 20_000;
export const TTL_MAX_MS = 604_800_000;

export interface SendSettings {
  apiBaseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Overrides the message's own sender when set. */
  from?: string;
  callbackUrl: string;
}

export function sendRequest(s: SendSettings, sms: OutboundSms, nowMs: number): ProviderRequest {
  const ttl = Math.min(TTL_MAX_MS, Math.max(TTL_MIN_MS, sms.expiresAt - nowMs));
  const form = new URLSearchParams({
    api_key: s.apiKey,
    api_secret: s.apiSecret,
    from: e164Digits(s.from ?? sms.source),
    to: e164Digits(sms.destination),
    text: sms.parts.join(''),
    type: sms.encoding === 'UCS2' ? 'unicode' : 'text',
    'status-report-req': '1',
    callback: s.callbackUrl,
    ttl: String(ttl),
  });
  if (sms.messageId.length <= CLIENT_REF_MAX) form.set('client-ref', sms.messageId);
  if (sms.entityId !== undefined) form.set('entity-id', sms.entityId);
  if (sms.registeredTemplateId !== undefined) form.set('content-id', sms.registeredTemplateId);
  return {
    url: `${s.apiBaseUrl.replace(/\/+$/, '')}/sms/json`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  };
}

/**
 * Every part accepted: submitted with every part's id, billed as `message-count`. None: the first
 * refusal decides. Some: the accepted parts are on the air and cannot be recalled or resent alone,
 * so the outcome is ambiguous with them recorded (never a blind resend of the whole text).
 */
export function readSendAnswer(x: HttpAnswer, sms: OutboundSms): HttpVerdict {
  const body = isObject(x.body) ? x.body : undefined;
  if (x.status < 200 || x.status >= 300) return judgeByStatus(x, { ids: [], segments: 0, ...errorOf(body) });
  const messages = Array.isArray(body?.messages) ? body.messages.filter(isObject) : [];
  if (messages.length === 0) return unreadable(`HTTP ${x.status} without messages`);
  const accepted = new Map<number, string>();
  messages.forEach((m, i) => {
    if (m.status === '0' && typeof m['message-id'] === 'string') accepted.set(i, m['message-id']);
  });
  const refused = messages.find((m) => m.status !== '0');
  if (refused === undefined) {
    if (accepted.size !== messages.length) return unreadable('an accepted part without message-id');
    const count = Number(body?.['message-count']);
    const segments = Number.isInteger(count) && count > 0 ? count : messages.length;
    return { final: { kind: 'submitted', carrierMessageIds: [...accepted.values()], segments } };
  }
  const status = typeof refused.status === 'string' ? refused.status : 'NO_STATUS';
  const errorText = typeof refused['error-text'] === 'string' ? refused['error-text'] : undefined;
  if (accepted.size === 0) return judgeSendStatus(status, errorText);
  return {
    final: {
      kind: 'ambiguous',
      rawStatus: status,
      reason: `vonage accepted ${accepted.size} of ${messages.length} parts of ${sms.parts.length}, then status ${status}`,
      acceptedParts: accepted,
    },
  };
}

export function e164Digits(address: string): string {
  return /^\+\d+$/.test(address) ? address.slice(1) : address;
}

// A 2xx we cannot read may still have queued the message: ambiguous, not resent.
function unreadable(why: string): HttpVerdict {
  return {
    final: {
      kind: 'ambiguous',
      rawStatus: 'UNREADABLE_ANSWER',
      reason: `vonage answer unreadable: ${why}`,
      acceptedParts: new Map(),
    },
  };
}

function errorOf(body: Record<string, unknown> | undefined): { error?: string } {
  const text = body?.['error-text'] ?? body?.title ?? body?.detail;
  return typeof text === 'string' ? { error: safeText(text) } : {};
}
