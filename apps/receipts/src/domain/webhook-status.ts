import type { CarrierReceiptV1 } from '@herald/contracts';

/** Body of `POST /v1/carriers/:carrier/status` once validated (see http/webhook-status.dto.ts). */
export interface WebhookStatus {
  carrierMessageId: string;
  status: string;
  errorCode?: string;
  timestamp: string;
}

/** A webhook becomes the same record a carrier adapter publishes, so one handler orders and applies both. */
export function webhookToReceipt(carrierId: string, body: WebhookStatus, receivedAt: Date): CarrierReceiptV1 {
  const err = body.errorCode === undefined ? '' : ` err:${body.errorCode}`;
  const receipt: CarrierReceiptV1 = {
    carrierId,
    carrierMessageId: body.carrierMessageId,
    rawStat: body.status,
    doneDate: body.timestamp,
    dlrText: `webhook id:${body.carrierMessageId} stat:${body.status}${err} done:${body.timestamp}`,
    receivedAt: receivedAt.toISOString(),
  };
  if (body.errorCode !== undefined) receipt.rawErr = body.errorCode;
  return receipt;
}
