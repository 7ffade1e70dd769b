import type { WebhookReading, WebhookRequest } from '../carrier-plugin';
import { isObject } from '../http-exchange';
import { verifySignature, type SignatureMethod } from './vonage-signature';
import { DLR_STATUSES, dlrState } from './vonage-status';

// Delivery receipt (https://developer.vonage.com/en/api/sms#delivery-receipt), POSTed as JSON or
// as a form, as set in the dashboard: msisdn, to, network-code, messageId, price, status, scts
// (YYMMDDHHMM), err-code, api-key, client-ref (when sent), message-timestamp; with signed
// webhooks also timestamp, nonce and sig (vonage-signature.ts). One receipt per part: each part's
// messageId is one of the ids the send answer returned.
export interface DlrAuth {
  /** Without a signature secret no receipt is accepted: Herald takes no unsigned status callback. */
  secret?: string;
  method: SignatureMethod;
  nowMs: number;
}

const CLIENT_REF = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function readDeliveryReceipt(req: WebhookRequest, auth: DlrAuth): WebhookReading {
  const params = paramsOf(req);
  if (params === undefined)
    return { ok: false, reason: 'malformed', detail: 'body is neither a JSON object nor a form' };
  if (auth.secret === undefined)
    return {
      ok: false,
      reason: 'unauthenticated',
      detail: 'no signature secret configured: unsigned receipts are refused',
    };
  const check = verifySignature(params, auth.secret, auth.method, auth.nowMs);
  if (!check.ok)
    return {
      ok: false,
      reason: check.reason === 'stale_timestamp' ? 'stale' : 'unauthenticated',
      detail: check.reason,
    };
  const { messageId, status } = params;
  const errCode = params['err-code'];
  if (!/^[0-9A-Za-z-]{1,64}$/.test(messageId ?? '')) return malformed('messageId is required');
  const state = dlrState(status ?? '');
  if (state === undefined) return malformed(`status must be one of ${DLR_STATUSES.join(', ')}`);
  if (errCode !== undefined && !/^\d{1,4}$/.test(errCode)) return malformed('err-code must be a number');
  const clientRef = params['client-ref'];
  const scts = params.scts;
  return {
    ok: true,
    reports: [
      {
        carrierMessageId: messageId,
        state,
        rawStatus: status,
        ...(errCode === undefined ? {} : { rawError: errCode }),
        ...(clientRef !== undefined && CLIENT_REF.test(clientRef) ? { messageId: clientRef } : {}),
        ...(scts !== undefined && /^\d{10}$/.test(scts) ? { doneDate: scts } : {}),
      },
    ],
  };
}

/** The receipt's parameters, all strings, from a JSON object or a form body. */
function paramsOf(req: WebhookRequest): Record<string, string> | undefined {
  const text = req.rawBody.toString('utf8');
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const looksJson = type.includes('json') || text.trimStart().startsWith('{');
  if (!looksJson) {
    if (!type.includes('x-www-form-urlencoded') || text === '') return undefined;
    return Object.fromEntries(new URLSearchParams(text));
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(body)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    else if (value !== null) return undefined;
  }
  return out;
}

function malformed(detail: string): WebhookReading {
  return { ok: false, reason: 'malformed', detail };
}
