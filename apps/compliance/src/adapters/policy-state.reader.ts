import { Injectable } from '@nestjs/common';
import { prepared, queryPrepared } from '@herald/persistence';
import type { OptSource } from '@herald/contracts';
import type { ComplianceState } from '../domain/compliance-chain';
import type { CapEntry } from '../domain/policies/frequency-cap.policy';
import { dbCall, iso, type SqlTarget } from './db';

interface OptOutJson { recipient_token: string; brand: string; opted_out: boolean; source: OptSource; at: string }
interface ConsentJson { recipient_token: string; brand: string; purpose: string }
interface CapJson { recipient_token: string; cap_name: string; entries: CapEntry[] }
interface Row { optouts: OptOutJson[]; consents: ConsentJson[]; caps: CapJson[] }

// What every batch reads, in one round trip: the recipients' opt-out states, active consents and cap
// counters, each kind aggregated into one JSON column of a single row. Prepared: planned once per connection.
const POLICY_STATE = prepared(
  'compliance_policy_state_v1',
  `SELECT
     (SELECT coalesce(json_agg(o), '[]'::json) FROM (
        SELECT recipient_token, brand, opted_out, source, at FROM optouts WHERE recipient_token = ANY($1::text[])) o) AS optouts,
     (SELECT coalesce(json_agg(c), '[]'::json) FROM (
        SELECT DISTINCT recipient_token, brand, purpose FROM consents WHERE recipient_token = ANY($1::text[]) AND revoked_at IS NULL) c) AS consents,
     (SELECT coalesce(json_agg(k), '[]'::json) FROM (
        SELECT recipient_token, cap_name, entries FROM cap_counters WHERE recipient_token = ANY($1::text[])) k) AS caps`,
);

@Injectable()
export class PolicyStateReader {
  loadFor(q: SqlTarget, tokens: string[]): Promise<ComplianceState> {
    if (tokens.length === 0) return Promise.resolve({ optOuts: [], consents: [], caps: [] });
    return dbCall('load opt-outs, consents and cap counters', async () => {
      const [row] = await queryPrepared<Row>(q, POLICY_STATE, [tokens]);
      return {
        optOuts: row.optouts.map((r) => ({ recipientToken: r.recipient_token, brand: r.brand, optedOut: r.opted_out, source: r.source, at: iso(r.at) })),
        consents: row.consents.map((r) => ({ recipientToken: r.recipient_token, brand: r.brand, purpose: r.purpose })),
        caps: row.caps.map((r) => ({ recipientToken: r.recipient_token, capName: r.cap_name, entries: r.entries })),
      };
    });
  }
}
