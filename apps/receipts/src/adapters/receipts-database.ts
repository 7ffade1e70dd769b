import type { DatabaseSpec } from '@herald/persistence';
import { ReceiptsSchema1767225600000 } from '../migrations/1767225600000-receipts-schema';
import { ChurnTableVacuum1767225600001 } from '../migrations/1767225600001-churn-table-vacuum';

export const receiptsDatabase: DatabaseSpec = {
  schema: 'receipts',
  entities: [],
  migrations: [ReceiptsSchema1767225600000, ChurnTableVacuum1767225600001],
};
