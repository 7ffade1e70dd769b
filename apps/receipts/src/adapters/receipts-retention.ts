import type { PruneRule } from '@herald/persistence';
import type { ReceiptsConfig } from '../receipts.config';

const DAY_MS = 86_400_000;
const MESSAGE_GONE = (table: string) =>
  `NOT EXISTS (SELECT 1 FROM messages m WHERE m.message_id = ${table}.message_id)`;

/**
 * A message row goes once it is final, older than the retention and holds no timeout receipt still
 * to publish (see the outbox note below); its timeline and carrier ids only after the row
 * itself is gone, so a lookup never finds half a message. Non-final rows wait for their DLR or timeout.
 * pending_dlrs expire on their own (ReceiptsSweeper).
 */
export function receiptsPruneRules(config: ReceiptsConfig): PruneRule[] {
  const retentionMs = config.RECEIPTS_MESSAGE_RETENTION_DAYS * DAY_MS;
  return [
    // A consumed record's receipt stays in the outbox until the row is written again (for a final
    // message: never) but only matters while that record can be consumed again, minutes after a
    // crash; a timeout receipt (`sweep`) is cleared by the sweep once produced and must be kept until then.
    {
      table: 'messages',
      ageColumn: 'final_at',
      retentionMs,
      settled: (columns) =>
        columns.has('outbox') ? `is_final AND (outbox IS NULL OR NOT outbox @> '[{"src":"sweep"}]')` : 'is_final',
    },
    { table: 'timeline', ageColumn: 'recorded_at', retentionMs, settled: () => MESSAGE_GONE('timeline') },
    { table: 'carrier_index', ageColumn: 'created_at', retentionMs, settled: () => MESSAGE_GONE('carrier_index') },
  ];
}
