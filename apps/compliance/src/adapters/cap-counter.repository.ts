import { Injectable } from '@nestjs/common';
import type { CapCounter, CapEntry, CapWrite } from '../domain/policies/frequency-cap.policy';
import { prepared, queryPrepared, withDbErrors, type SqlExecutor } from '@herald/persistence';
import type { SqlTarget } from './db';

// entries: JSON array of {id, at(epoch ms)}. The upsert merges with what is stored instead of
// overwriting, so a release by the scheduler and a consumer batch touching the same recipient at
// the same moment both count; entries older than the cap window are dropped on every write.
// Prepared: every batch with a capped message runs it.
const UPSERT = prepared(
  'compliance_cap_upsert_v1',
  `
INSERT INTO cap_counters (recipient_token, cap_name, entries, window_ms, updated_at)
SELECT u.token, u.cap, u.entries::jsonb, u.window_ms, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS u(token, cap, entries, window_ms)
ON CONFLICT (recipient_token, cap_name) DO UPDATE SET
  entries = (
    SELECT coalesce(jsonb_agg(e ORDER BY (e->>'at')::bigint), '[]'::jsonb)
    FROM (
      SELECT DISTINCT ON (e->>'id') e
      FROM jsonb_array_elements(cap_counters.entries || EXCLUDED.entries) AS e
      WHERE (e->>'at')::bigint > (extract(epoch FROM EXCLUDED.updated_at) * 1000)::bigint - EXCLUDED.window_ms
      ORDER BY e->>'id', (e->>'at')::bigint
    ) kept
  ),
  window_ms = EXCLUDED.window_ms,
  updated_at = EXCLUDED.updated_at`,
);

@Injectable()
export class CapCounterRepository {
  loadFor(q: SqlExecutor, tokens: string[]): Promise<CapCounter[]> {
    if (tokens.length === 0) return Promise.resolve([]);
    return withDbErrors('load cap counters', async () => {
      const rows = await q.query<Array<{ recipient_token: string; cap_name: string; entries: CapEntry[] }>>(
        'SELECT recipient_token, cap_name, entries FROM cap_counters WHERE recipient_token = ANY($1::text[])',
        [tokens],
      );
      return rows.map((r) => ({ recipientToken: r.recipient_token, capName: r.cap_name, entries: r.entries }));
    });
  }

  save(q: SqlTarget, writes: readonly CapWrite[], now: Date): Promise<void> {
    if (writes.length === 0) return Promise.resolve();
    return withDbErrors('save cap counters', async () => {
      await queryPrepared(q, UPSERT, [
        writes.map((w) => w.recipientToken),
        writes.map((w) => w.capName),
        writes.map((w) => JSON.stringify(w.entries)),
        writes.map((w) => w.windowMs),
        now,
      ]);
    });
  }
}
