import type { PruneRule } from '@herald/persistence';
import type { DispatchConfig } from '../dispatch.config';

const DAY_MS = 86_400_000;

/** Only states nothing will move again; a claimed, submitting or parked row is still someone's work. */
export const SETTLED_LEDGER_STATES = ['submitted', 'failed', 'expired', 'ambiguous'] as const;

export function dispatchPruneRules(config: DispatchConfig): PruneRule[] {
  return [
    {
      table: 'send_ledger',
      ageColumn: 'updated_at',
      retentionMs: config.DISPATCH_LEDGER_RETENTION_DAYS * DAY_MS,
      // A row whose status the outbox has not produced yet is still work (see StatusOutbox).
      settled: (columns) =>
        `state IN (${SETTLED_LEDGER_STATES.map((s) => `'${s}'`).join(', ')})${columns.has('status_pending') ? ' AND NOT status_pending' : ''}`,
    },
    { table: 'dlr_seen', ageColumn: 'received_at', retentionMs: config.DISPATCH_DLR_SEEN_RETENTION_DAYS * DAY_MS },
    // A process not seen for a day is long gone (its open rows count as orphans with or without its row).
    { table: 'processes', ageColumn: 'seen_at', retentionMs: DAY_MS },
  ];
}
