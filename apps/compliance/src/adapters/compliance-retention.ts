import type { PruneRule } from '@herald/persistence';

/**
 * A cap counter untouched for longer than its own window holds no entry that still counts. Opt-outs,
 * consents and their audit trail are the compliance evidence and are never pruned; deferred messages
 * leave their table when released or expired.
 */
export const compliancePruneRules: PruneRule[] = [
  {
    table: 'cap_counters',
    ageColumn: 'updated_at',
    retentionMs: 0,
    settled: () => `updated_at < $1::timestamptz - make_interval(secs => window_ms / 1000.0)`,
  },
  // A velocity window is read for itself and, in block mode, for the window after it: two windows.
  {
    table: 'velocity_counters',
    ageColumn: 'bucket_start',
    retentionMs: 0,
    settled: () => `bucket_start < $1::timestamptz - make_interval(secs => 2 * window_ms / 1000.0)`,
  },
];
