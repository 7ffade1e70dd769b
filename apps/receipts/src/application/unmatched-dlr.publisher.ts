import { Inject, Injectable } from '@nestjs/common';
import { dlqTopicOf, encodeHeaders, TRACEPARENT_HEADER, type ErrorCode } from '@herald/contracts';
import { DlqHeader, Publisher, type OutboundRecord } from '@herald/kafka';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import type { PendingDlr } from '../adapters/pending-dlr.repository';
import { RECEIPTS_OPTIONS, type ReceiptsOptions } from '../receipts.options';
import { ReceiptsMetrics } from './receipts.metrics';

const CODE: ErrorCode = 'UNKNOWN_MESSAGE';

/**
 * A held DLR nobody claimed goes to `carrier.receipts.v1.dlq` with the engine's DLQ headers, so the
 * same tooling lists and replays it (e.g. after a late submitted status was repaired).
 */
@Injectable()
export class UnmatchedDlrPublisher {
  constructor(
    private readonly publisher: Publisher,
    private readonly metrics: ReceiptsMetrics,
    @Inject(RECEIPTS_OPTIONS) private readonly options: ReceiptsOptions,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {}

  async publish(rows: readonly PendingDlr[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    await this.publisher.sendBatch(rows.map((r) => this.toRecord(r, now)));
    for (const r of rows) {
      this.metrics.unmatchedDlrs.inc({ carrier: r.carrierId });
      this.logger.warn(
        {
          errorCode: CODE,
          carrierId: r.carrierId,
          carrierMessageId: r.carrierMessageId,
          topic: r.source.topic,
          offset: r.source.offset,
        },
        'DLR never matched a submit, sent to DLQ',
      );
    }
  }

  private toRecord(r: PendingDlr, now: Date): OutboundRecord {
    const ttlSeconds = Math.round(this.options.pendingTtlMs / 1000);
    const original = encodeHeaders(r.attributes);
    if (r.attributes.traceparent) original[TRACEPARENT_HEADER] = r.attributes.traceparent;
    return {
      topic: dlqTopicOf(r.source.topic),
      key: r.carrierMessageId,
      value: JSON.stringify(r.payload),
      headers: {
        ...original,
        [DlqHeader.code]: CODE,
        [DlqHeader.message]: `no submit recorded for carrier ${r.carrierId} message ${r.carrierMessageId}${r.messageId ? ` (message ${r.messageId})` : ''} within ${ttlSeconds} s`,
        [DlqHeader.topic]: r.source.topic,
        [DlqHeader.partition]: String(r.source.partition),
        [DlqHeader.offset]: r.source.offset,
        [DlqHeader.failedAt]: now.toISOString(),
        [DlqHeader.service]: this.options.service,
        [DlqHeader.attempts]: '1',
      },
    };
  }
}
