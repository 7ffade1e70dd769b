import { Topics } from '@herald/contracts';
import type { Publisher } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import type { SendLedgerRepository } from '../adapters/send-ledger.repository';
import { decideConsumed } from '../domain/ledger-decision';
import { statusOf, type MessageResult, type StoredResult } from '../domain/message-result';
import type { DispatchMetrics } from '../dispatch.metrics';
import type { Clock } from '@herald/service-kit';
import { toUpdate } from './ledger-writer';

export interface ReconcileReport {
  submitted: number;
  ambiguous: number;
}

/**
 * On start: `submitting` rows older than the grace period were left by a process that died
 * mid-send and whose message will not be consumed again. Each is proven submitted (all carrier
 * ids stored, or a receipt seen for it) or reported ambiguous; none is ever resent. Statuses are
 * produced before the ledger moves, so a crash in between repeats a status rather than losing it.
 */
export class StartupReconciler {
  constructor(
    private readonly d: {
      ledger: SendLedgerRepository;
      publisher: Publisher;
      metrics: DispatchMetrics;
      logger: HeraldLogger;
      clock: Clock;
      service: string;
      olderThanMs: number;
    },
  ) {}

  async run(limit = 5000): Promise<ReconcileReport> {
    const rows = await this.d.ledger.staleSubmitting(this.d.olderThanMs, limit);
    if (rows.length === 0) return { submitted: 0, ambiguous: 0 };
    const evidence = await this.d.ledger.dlrEvidence(rows.map((r) => r.messageId));
    const at = this.d.clock.now();
    const settled = rows.map((row) => {
      const decision = decideConsumed(row, { inFlight: false, hasPendingOutcome: false }, evidence.get(row.messageId));
      const attempt = Math.max(1, row.attempts);
      const result: MessageResult =
        decision.action === 'resolve_submitted'
          ? {
              status: 'submitted',
              carrierId: decision.carrierId,
              carrierMessageIds: decision.carrierMessageIds,
              attempt,
              segments: row.segments,
            }
          : {
              status: 'ambiguous',
              reason: 'left submitting by a stopped process: a submit may have reached the carrier; not resent',
              attempt,
              ...(row.carrierId ? { carrierId: row.carrierId } : {}),
            };
      if (result.status === 'ambiguous')
        this.d.metrics.ambiguous.inc({ carrier: row.carrierId ?? 'unknown', cause: 'startup_reconcile' });
      const stored: StoredResult = { result, at: at.toISOString() };
      return { row, stored };
    });
    await this.d.publisher.sendBatch(
      settled.map(({ row, stored }) =>
        this.d.publisher.build(
          Topics.SmsStatusV1,
          statusOf(row.messageId, stored.result, row.meta, this.d.service, at),
          { key: row.messageId },
        ),
      ),
    );
    await this.d.ledger.apply(settled.map(({ row, stored }) => toUpdate(row.messageId, stored)));
    const report = {
      submitted: settled.filter((s) => s.stored.result.status === 'submitted').length,
      ambiguous: settled.filter((s) => s.stored.result.status === 'ambiguous').length,
    };
    this.d.logger.warn(report, 'reconciled submits left open by a previous process');
    return report;
  }
}
