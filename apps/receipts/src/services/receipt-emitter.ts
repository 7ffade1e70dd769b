import { Injectable } from '@nestjs/common';
import { Topics, type SmsReceiptV1 } from '@herald/contracts';
import { Publisher, type PublishOptions } from '@herald/kafka';
import { receiptIdFor } from '../domain/receipt.builder';
import type { MessageEvent } from '../domain/message-record';
import { ReceiptsMetrics } from './receipts.metrics';

export interface PendingReceipt {
  receipt: SmsReceiptV1;
  cause: MessageEvent['kind'];
  parent?: PublishOptions['parent'];
}

/**
 * Publishes receipts while the caller's transaction is still open: if the produce fails nothing is
 * committed and the batch is retried; if the commit fails after an acked produce, the retry
 * publishes the same receipt with the same CloudEvent id, which consumers dedupe on.
 */
@Injectable()
export class ReceiptEmitter {
  constructor(
    private readonly publisher: Publisher,
    private readonly metrics: ReceiptsMetrics,
  ) {}

  async emit(items: readonly PendingReceipt[]): Promise<void> {
    if (items.length === 0) return;
    const records = items.map(({ receipt, parent }) =>
      this.publisher.build(Topics.SmsReceiptsV1, receipt, { key: receipt.messageId, parent, id: receiptIdFor(receipt.messageId, receipt.state) }),
    );
    await this.publisher.sendBatch(records);
    for (const { receipt, cause } of items) this.observe(receipt, cause);
  }

  private observe(r: SmsReceiptV1, cause: MessageEvent['kind']): void {
    this.metrics.receiptsPublished.inc({ state: r.state });
    if (!r.isFinal) return;
    const carrier = r.carrierId ?? 'none';
    this.metrics.outcomes.inc({ carrier, country: r.country, state: r.state });
    const latency = r.latencyMs?.submittedToFinal;
    if (cause === 'dlr' && latency !== undefined) this.metrics.dlrLatency.observe({ carrier, country: r.country }, latency / 1000);
  }
}
