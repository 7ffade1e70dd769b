import { createHmac, randomBytes } from 'node:crypto';
import { HeraldError } from '@herald/contracts';
import type { CarrierEventSink } from '../carriers/carrier-adapter';
import type { CarrierWebhook, WebhookRejection, WebhookRequest } from '../carriers/carrier-plugin';
import type { DispatchMetrics } from '../dispatch.metrics';

export interface ReportClaims {
  claimReport(carrierId: string, carrierMessageId: string, stat: string): Promise<boolean>;
  releaseReport(carrierId: string, carrierMessageId: string, stat: string): Promise<void>;
}

export type CallbackResult =
  | { kind: 'accepted'; published: number; duplicates: number }
  /** `unauthenticated` also for an unknown carrier id: the answer never tells whether the id exists. */
  | { kind: 'rejected'; reason: WebhookRejection; detail: string };

// An unknown carrier id costs the same HMAC as a known one, so timing does not reveal it either.
const DECOY_KEY = randomBytes(32);

/**
 * A carrier's status callback, end to end: its plugin verifies and reads it, each report is
 * claimed once in the ledger (a redelivery is acknowledged, not published again), then it goes to
 * carrier.receipts.v1 like an SMPP receipt. Settles after the broker acked, so a 2xx means "kept";
 * a failure releases the claims so the carrier's retry is taken.
 */
export class StatusCallbacks {
  constructor(
    private readonly webhooks: ReadonlyMap<string, CarrierWebhook>,
    private readonly sink: CarrierEventSink,
    private readonly claims: ReportClaims,
    private readonly metrics: DispatchMetrics,
  ) {}

  async receive(carrierId: string, request: WebhookRequest): Promise<CallbackResult> {
    const webhook = this.webhooks.get(carrierId);
    if (webhook === undefined) {
      createHmac('sha256', DECOY_KEY).update(request.url).update(request.rawBody).digest();
      return this.rejected('unauthenticated', 'no such carrier, or it takes no callbacks');
    }
    const reading = webhook.read(request);
    if (!reading.ok) return this.rejected(reading.reason, reading.detail);
    let published = 0;
    let duplicates = 0;
    for (const report of reading.reports) {
      const claimed = await this.claims
        .claimReport(carrierId, report.carrierMessageId, report.rawStatus)
        .catch((e: unknown) => {
          throw new HeraldError('DB_UNAVAILABLE', `the send ledger is unavailable: ${(e as Error).message}`);
        });
      if (!claimed) {
        duplicates++;
        this.metrics.webhookDuplicates.inc({ carrier: carrierId });
        continue;
      }
      try {
        await this.sink.receipt({
          carrierId,
          carrierMessageId: report.carrierMessageId,
          state: report.state,
          rawStat: report.rawStatus,
          ...(report.rawError === undefined ? {} : { rawErr: report.rawError }),
          ...(report.doneDate === undefined ? {} : { doneDate: report.doneDate }),
          ...(report.messageId === undefined ? {} : { messageId: report.messageId }),
        });
        published++;
      } catch (e) {
        await this.claims.releaseReport(carrierId, report.carrierMessageId, report.rawStatus).catch(() => undefined);
        throw new HeraldError('BROKER_UNAVAILABLE', `the report is not on Kafka: ${(e as Error).message}`);
      }
    }
    return { kind: 'accepted', published, duplicates };
  }

  private rejected(reason: WebhookRejection, detail: string): CallbackResult {
    this.metrics.webhookRejections.inc({ reason });
    return { kind: 'rejected', reason, detail };
  }
}
