import type { PruneRule } from '@herald/persistence';
import type { EventIngestConfig } from '../event-ingest.config';

const DAY_MS = 86_400_000;

/**
 * processed_events is the dedupe memory: an event id forgotten while its producer could still
 * re-publish it, or while a topic still holds it for a replay, would be sent twice. Idempotency keys
 * carry their own expiry (INGEST_IDEMPOTENCY_TTL_HOURS).
 */
export function ingestPruneRules(config: EventIngestConfig): PruneRule[] {
  return [
    {
      table: 'processed_events',
      ageColumn: 'first_seen_at',
      retentionMs: config.INGEST_DEDUPE_RETENTION_DAYS * DAY_MS,
    },
    { table: 'idempotency_keys', ageColumn: 'expires_at', retentionMs: 0 },
    // A quota counts today only; a week of counts is kept for whoever investigates a key's usage.
    { table: 'api_key_usage', ageColumn: 'day', retentionMs: 7 * DAY_MS },
  ];
}
