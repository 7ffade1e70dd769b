import type { DatabaseSpec } from '@herald/persistence';
import { ReceiptsSchema1767225600000 } from '../migrations/1767225600000-receipts-schema';
import { ChurnTableVacuum1767225600001 } from '../migrations/1767225600001-churn-table-vacuum';
import { ReceiptOutbox1767225600002 } from '../migrations/1767225600002-receipt-outbox';
import { MessageRowTimeline1767225600003 } from '../migrations/1767225600003-message-row-timeline';
import { RetentionIndexes1767400000000 } from '../migrations/1767400000000-retention-indexes';
import { SourceEventIndex1767500000000 } from '../migrations/1767500000000-source-event-index';
import { DropWebhookReplays1767700000000 } from '../migrations/1767700000000-drop-webhook-replays';

export const receiptsDatabase: DatabaseSpec = {
  schema: 'receipts',
  entities: [],
  migrations: [
    ReceiptsSchema1767225600000,
    ChurnTableVacuum1767225600001,
    ReceiptOutbox1767225600002,
    MessageRowTimeline1767225600003,
    RetentionIndexes1767400000000,
    SourceEventIndex1767500000000,
    DropWebhookReplays1767700000000,
  ],
};
