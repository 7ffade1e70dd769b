import { Topics } from '@herald/contracts';
import type { Publisher } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import type { SendLedgerRepository } from '../adapters/send-ledger.repository';
import { decideConsumed } from '../domain/ledger-decision';
import { statusEventIdOf, statusOf, type MessageResult, type StoredResult } from '../domain/message-result';
import type { DispatchMetrics } from '../dispatch.metrics';
import type { Clock } from '@herald/service-kit';
import { toUpdate } from './ledger-writer';

export interface ReconcileReport {
  submitted: number;
  ambiguous: number;
  /** Claims (no submit written) whose lease was ended, for the releaser to send now. */
  claimsReleased: number;
}

/**
 * `submitting` rows a stopped process left mid-send (its heartbeat gone for `afterMs`): a record
 * consumed again finds such a row itself, but a parked message the stopped process's releaser was
 * sending has no record to come back, so a live process settles these on its upkeep loop. Each is
 * proven submitted (all carrier ids stored, or a receipt seen for it) or reported ambiguous; none is
 * ever resent. Its claims (parked messages it had taken, no submit written) get their lease ended,
 * so the releaser sends them now rather than after `DISPATCH_CLAIM_LEASE_MS`. Only while this
 * process's own heartbeats have gone through for `afterMs` (after a start or a database outage
 * every heartbeat looks old). Statuses are produced before the ledger moves, so a crash in between
 * repeats a status rather than losing it.
 */
export class OrphanReconciler {
  constructor(
    private readonly d: {
      ledger: Pick<SendLedgerRepository, 'takeOrphans' | 'endOrphanClaims' | 'dlrEvidence' | 'apply'>;
      publisher: Pick<Publisher, 'build' | 'sendBatch'>;
      metrics: DispatchMetrics;
      logger: HeraldLogger;
      clock: Clock;
      service: string;
      /** This process's ledger owner id: its own rows are never orphans. */
      owner: string;
      afterMs: number;
      /** How long this process's heartbeats have gone through without a gap. */
      healthyForMs: () => number;
    },
  ) {}

  /** Settles up to `limit` orphans; undefined when it is too early to tell a dead process from a silent one. */
  async run(limit = 500): Promise<ReconcileReport | undefined> {
    if (this.d.healthyForMs() < this.d.afterMs) return undefined;
    const claimsReleased = await this.d.ledger.endOrphanClaims(this.d.owner, this.d.afterMs);
    if (claimsReleased > 0)
      this.d.logger.warn({ claims: claimsReleased }, 'released claims a stopped process held: sent again now');
    const rows = await this.d.ledger.takeOrphans(this.d.owner, this.d.afterMs, limit);
    if (rows.length === 0) return { submitted: 0, ambiguous: 0, claimsReleased };
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
        this.d.metrics.ambiguous.inc({ carrier: row.carrierId ?? 'unknown', cause: 'orphan_reconcile' });
      const stored: StoredResult = { result, at: at.toISOString() };
      return { row, stored };
    });
    await this.d.publisher.sendBatch(
      settled.map(({ row, stored }) =>
        this.d.publisher.build(
          Topics.SmsStatusV1,
          statusOf(row.messageId, stored.result, row.meta, this.d.service, at),
          { key: row.messageId, id: statusEventIdOf(row.messageId, stored) },
          at,
        ),
      ),
    );
    await this.d.ledger.apply(settled.map(({ row, stored }) => toUpdate(row.messageId, stored)));
    const report = {
      submitted: settled.filter((s) => s.stored.result.status === 'submitted').length,
      ambiguous: settled.filter((s) => s.stored.result.status === 'ambiguous').length,
      claimsReleased,
    };
    this.d.logger.warn(report, 'reconciled submits a stopped process left open');
    return report;
  }
}
