import { Injectable } from '@nestjs/common';
import { Topics, type SmsReceiptV1 } from '@herald/contracts';
import { Publisher, type PublishOptions } from '@herald/kafka';
import type { MessageEvent } from '../domain/message-record';
import type { OutboxEntry } from '../domain/receipt-outbox';
import { ReceiptsMetrics } from './receipts.metrics';

export interface PendingReceipt {
  entry: OutboxEntry;
  /** `replay`: produced again for a record consumed again. */
  cause: MessageEvent['kind'] | 'replay';
  parent?: PublishOptions['parent'];
}

// Ids acked in this process: enough to cover every row a batch or two may touch again (50,000 is 25 s
// of receipts at 1,000 msg/s). About 4 MB of heap when full: a heap snapshot of receipts after 70,000
// messages found 100,000 ids and their set at 9 of its 43 MB live. Forgetting costs what a restart
// does: a row touched later keeps the entry in its outbox (bytes), and a record consumed again after
// that produces the receipt again with the same ce_id.
const REMEMBERED = 50_000;

/**
 * Produces receipts after their transaction committed (a rolled-back or retried transaction produced
 * nothing). The ids acked here are remembered so rows stop carrying them in their outbox; after a
 * restart nothing is remembered and rows keep them until touched, which costs bytes, not receipts.
 */
@Injectable()
export class ReceiptEmitter {
  private readonly acked = new Set<string>();

  constructor(
    private readonly publisher: Publisher,
    private readonly metrics: ReceiptsMetrics,
  ) {}

  readonly isProduced = (id: string): boolean => this.acked.has(id);

  async emit(items: readonly PendingReceipt[]): Promise<void> {
    if (items.length === 0) return;
    const records = items.map(({ entry, parent }) =>
      this.publisher.build(Topics.SmsReceiptsV1, entry.receipt, { key: entry.receipt.messageId, parent, id: entry.id }),
    );
    await this.publisher.sendBatch(records);
    for (const { entry, cause } of items) {
      this.remember(entry.id);
      this.observe(entry.receipt, cause);
    }
  }

  private remember(id: string): void {
    this.acked.add(id);
    if (this.acked.size <= REMEMBERED) return;
    for (const oldest of this.acked) {
      this.acked.delete(oldest);
      break;
    }
  }

  private observe(r: SmsReceiptV1, cause: PendingReceipt['cause']): void {
    this.metrics.receiptsPublished.inc({ state: r.state });
    if (!r.isFinal || cause === 'replay') return;
    const carrier = r.carrierId ?? 'none';
    this.metrics.outcomes.inc({ carrier, country: r.country, state: r.state });
    const latency = r.latencyMs?.submittedToFinal;
    if (cause === 'dlr' && latency !== undefined)
      this.metrics.dlrLatency.observe({ carrier, country: r.country }, latency / 1000);
  }
}
