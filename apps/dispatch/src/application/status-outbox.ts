import { Topics } from '@herald/contracts';
import type { Publisher } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import type { SendLedgerRepository } from '../adapters/send-ledger.repository';
import { statusEventIdOf, statusOf } from '../domain/message-result';
import type { DispatchMetrics } from '../dispatch.metrics';

export interface StatusOutboxDeps {
  ledger: Pick<SendLedgerRepository, 'takePendingStatuses' | 'statusesProduced'>;
  publisher: Pick<Publisher, 'build' | 'sendBatch'>;
  metrics: Pick<DispatchMetrics, 'statusesResent'>;
  logger: HeraldLogger;
  service: string;
  /** A pending row untouched this long was not produced by the live writer (crash, broker outage). */
  olderThanMs: number;
  batchSize: number;
}

/**
 * The sweep of the status outbox: a released parked message whose row was settled but whose
 * sms.status.v1 was never acked (the process died in between) gets it produced again, rebuilt
 * from the stored result and meta, so the record is the one the writer built: same payload,
 * ce_id and ce_time (only the trace differs, the original span being gone).
 */
export class StatusOutbox {
  constructor(private readonly d: StatusOutboxDeps) {}

  /** Re-produces pending statuses until none is left; returns how many. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.d.ledger.takePendingStatuses(this.d.olderThanMs, this.d.batchSize);
      if (rows.length === 0) break;
      const records = rows.map(({ messageId, result, meta }) => {
        const at = new Date(result.at);
        return this.d.publisher.build(
          Topics.SmsStatusV1,
          statusOf(messageId, result.result, meta, this.d.service, at),
          { key: messageId, id: statusEventIdOf(messageId, result) },
          at,
        );
      });
      await this.d.publisher.sendBatch(records);
      await this.d.ledger.statusesProduced(
        rows.map((r) => ({ messageId: r.messageId, status: r.result.result.status, at: r.result.at })),
      );
      for (const r of rows) this.d.metrics.statusesResent.inc({ status: r.result.result.status });
      total += rows.length;
      if (rows.length < this.d.batchSize) break;
    }
    if (total > 0)
      this.d.logger.warn(
        { statuses: total },
        'produced statuses of released messages a stopped process had not produced',
      );
    return total;
  }
}
