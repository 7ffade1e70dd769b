import { Injectable } from '@nestjs/common';
import { prepared, queryPrepared, withDbErrors } from '@herald/persistence';
import type { OptSource } from '@herald/contracts';
import type { ComplianceState } from '../domain/compliance-chain';
import type { CapEntry } from '../domain/policies/frequency-cap.policy';
import type { VelocityCount, VelocityIncrement } from '../domain/policies/pumping.policy';
import { iso, type SqlTarget } from './db';

interface OptOutJson {
  recipient_token: string;
  brand: string;
  opted_out: boolean;
  source: OptSource;
  at: string;
}
interface ConsentJson {
  recipient_token: string;
  brand: string;
  purpose: string;
}
interface CapJson {
  recipient_token: string;
  cap_name: string;
  entries: CapEntry[];
}
interface VelocityJson {
  key: string;
  total: number;
  previous: number;
}
interface Row {
  optouts: OptOutJson[];
  consents: ConsentJson[];
  caps: CapJson[];
  velocity: VelocityJson[];
}

// What every batch reads, in one round trip: the recipients' opt-out states, active consents and cap
// counters, each kind aggregated into one JSON column of a single row. Prepared: planned once per connection.
// The same statement adds the batch's attempts to the shared pumping counters (a data-modifying CTE,
// rows in key order so replicas lock them in one order) and returns each counter after the increment
// with its previous window: the guard costs no extra round trip.
const POLICY_STATE = prepared(
  'compliance_policy_state_v2',
  `WITH inc AS (
     SELECT * FROM unnest($2::text[], $3::bigint[], $4::integer[], $5::bigint[]) AS i(key, bucket_ms, n, window_ms)),
   up AS (
     INSERT INTO velocity_counters (key, bucket_start, count, window_ms)
     SELECT key, to_timestamp(bucket_ms / 1000.0), n, window_ms FROM inc ORDER BY key
     ON CONFLICT (key, bucket_start) DO UPDATE SET count = velocity_counters.count + EXCLUDED.count
     RETURNING key, count)
   SELECT
     (SELECT coalesce(json_agg(o), '[]'::json) FROM (
        SELECT recipient_token, brand, opted_out, source, at FROM optouts WHERE recipient_token = ANY($1::text[])) o) AS optouts,
     (SELECT coalesce(json_agg(c), '[]'::json) FROM (
        SELECT DISTINCT recipient_token, brand, purpose FROM consents WHERE recipient_token = ANY($1::text[]) AND revoked_at IS NULL) c) AS consents,
     (SELECT coalesce(json_agg(k), '[]'::json) FROM (
        SELECT recipient_token, cap_name, entries FROM cap_counters WHERE recipient_token = ANY($1::text[])) k) AS caps,
     (SELECT coalesce(json_agg(v), '[]'::json) FROM (
        SELECT up.key, up.count AS total, coalesce(p.count, 0) AS previous FROM up
        JOIN inc ON inc.key = up.key
        LEFT JOIN velocity_counters p ON p.key = up.key AND p.bucket_start = to_timestamp((inc.bucket_ms - inc.window_ms) / 1000.0)) v) AS velocity`,
);

@Injectable()
export class PolicyStateReader {
  /** `increments`: the batch's pumping attempts (intake); none at release, which was counted at intake. */
  loadFor(q: SqlTarget, tokens: string[], increments: readonly VelocityIncrement[] = []): Promise<ComplianceState> {
    if (tokens.length === 0) return Promise.resolve({ optOuts: [], consents: [], caps: [] });
    return withDbErrors('load opt-outs, consents and cap counters', async () => {
      const [row] = await queryPrepared<Row>(q, POLICY_STATE, [
        tokens,
        increments.map((i) => i.key),
        increments.map((i) => i.bucketStartMs),
        increments.map((i) => i.n),
        increments.map((i) => i.windowMs),
      ]);
      const counts: VelocityCount[] = row.velocity.map((v) => ({
        key: v.key,
        total: Number(v.total),
        previous: Number(v.previous),
      }));
      return {
        optOuts: row.optouts.map((r) => ({
          recipientToken: r.recipient_token,
          brand: r.brand,
          optedOut: r.opted_out,
          source: r.source,
          at: iso(r.at),
        })),
        consents: row.consents.map((r) => ({ recipientToken: r.recipient_token, brand: r.brand, purpose: r.purpose })),
        caps: row.caps.map((r) => ({ recipientToken: r.recipient_token, capName: r.cap_name, entries: r.entries })),
        ...(increments.length > 0 ? { velocity: { counts, increments } } : {}),
      };
    });
  }
}
