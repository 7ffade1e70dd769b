import type { CarrierStatusReport, WebhookReading } from '../carrier-plugin';
import { isObject } from '../http-exchange';
import { infobipState, type InfobipStatus } from './infobip-status';

// Delivery reports POSTed to notifyUrl (notifyContentType application/json), several per request
// (up to maxBucketSize, 100 by default):
//   { "results": [ { "bulkId", "messageId", "to", "sentAt", "doneAt", "smsCount", "mccMnc",
//       "callbackData", "price": { "pricePerMessage", "currency" },
//       "status": { "groupId", "groupName", "id", "name", "description" },
//       "error": { "groupId", "groupName", "id", "name", "description", "permanent" } } ] }
// https://www.infobip.com/docs/api/channels/sms/sms-messaging/logs-and-status-reports/receive-outbound-sms-message-report
// error.id 0 (NO_ERROR) is no error; any other id is kept raw (e.g. 27 EC_ABSENT_SUBSCRIBER).
// callbackData is what we sent with the submit: our message id.

const MAX_ID = 200;

export function readInfobipReports(rawBody: Buffer): WebhookReading {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return malformed('body is not JSON');
  }
  if (!isObject(body) || !Array.isArray(body.results)) return malformed('results must be an array');
  const reports: CarrierStatusReport[] = [];
  for (const [i, result] of body.results.entries()) {
    const report = readResult(result);
    if (typeof report === 'string') return malformed(`results[${i}]: ${report}`);
    reports.push(report);
  }
  return { ok: true, reports };
}

function readResult(result: unknown): CarrierStatusReport | string {
  if (!isObject(result)) return 'must be an object';
  const { messageId, status, error, callbackData, doneAt } = result;
  if (!text(messageId, MAX_ID)) return 'messageId is required';
  if (!isObject(status) || !text(status.name, 64)) return 'status.name is required';
  if (error !== undefined && error !== null && !isObject(error)) return 'error must be an object';
  const errorId = isObject(error) && (typeof error.id === 'number' || text(error.id, 16)) ? String(error.id) : '0';
  return {
    carrierMessageId: messageId,
    state: infobipState(status as InfobipStatus),
    rawStatus: status.name,
    ...(errorId === '0' ? {} : { rawError: errorId }),
    ...(text(callbackData, MAX_ID) ? { messageId: callbackData } : {}),
    ...(text(doneAt, 40) ? { doneDate: doneAt } : {}),
  };
}

function text(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

function malformed(detail: string): WebhookReading {
  return { ok: false, reason: 'malformed', detail };
}
