import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SmsApprovedV1, StatusMetaDto } from '@herald/contracts';
import { withDbErrors } from '@herald/persistence';
import type { DlrEvidence, LedgerRow, LedgerState } from '../domain/ledger-decision';
import type { StoredResult } from '../domain/message-result';

/**
 * A message consumed for the first time has no ledger row until it starts, parks or settles: its
 * first write inserts the row from this (a redelivery finds it; a concurrent owner's insert wins).
 */
export interface NewRow {
  segments: number;
  meta: StatusMetaDto;
  /** Kept while the row is open (parked, or submitting through a carrier that reroutes). */
  payload?: SmsApprovedV1;
}

/** A start mark: a row this owner holds `claimed` (`fresh` absent), or a new row inserted `submitting`. */
export interface StartRow {
  messageId: string;
  fresh?: NewRow;
}

export interface LedgerUpdate {
  messageId: string;
  state: Exclude<LedgerState, 'claimed' | 'submitting'>;
  carrierId?: string;
  carrierMessageIds?: string[];
  attempts: number;
  lastError?: string;
  /** Absent for `parked` (no status is reported for a parking). */
  result?: StoredResult;
  /** `parked`: when the releaser may claim it again. */
  nextAttemptAt?: Date;
  /** Only a row this process wrote or claimed is updated (a parking; any result of a `fresh` message). */
  owner?: string;
  /** The message has no row yet unless it started: the row is inserted from this (`owner` set) when absent. */
  fresh?: NewRow;
  /** A released row's result: its status is in the outbox until `statusesProduced` (no record replays it). */
  statusPending?: boolean;
  /** `submitted` through a carrier that reroutes after `undelivered`: the payload stays until a final report. */
  keepPayload?: boolean;
}

/** A submitted row as rerouting reads it. */
export interface RerouteRow {
  messageId: string;
  state: LedgerState;
  carrierId: string | null;
  triedCarriers: string[];
  reroutes: number;
  payload: SmsApprovedV1 | null;
}

/** A result whose status was produced: its outbox flag goes, unless the row holds a newer result. */
export interface ProducedStatus {
  messageId: string;
  status: StoredResult['result']['status'];
  at: string;
}

/** A settled row whose status may never have been produced. */
export interface PendingStatus {
  messageId: string;
  result: StoredResult;
  meta: StatusMetaDto;
}

export interface ParkedCount {
  country: string;
  count: number;
  /** Seconds since the oldest of them reached dispatch. */
  oldestSeconds: number;
}

/** A parked (or abandoned claimed) row the releaser just claimed. */
export interface DueRow {
  messageId: string;
  payload: SmsApprovedV1 | null;
  meta: StatusMetaDto;
  parks: number;
  attempts: number;
  /** Carriers an earlier attempt went to (rerouted after `undelivered`): not chosen again. */
  avoid: string[];
}

export interface StaleRow extends LedgerRow {
  meta: StatusMetaDto;
}

interface DbRow {
  message_id: string;
  state: LedgerState;
  carrier_id: string | null;
  carrier_message_ids: string[];
  attempts: number;
  segments: number;
  result: StoredResult | null;
  meta?: StatusMetaDto;
}

/**
 * The send ledger (schema dispatch): one statement per batch, never a round trip per message. A
 * consumed message gets its row when it starts (`submitting`), parks or settles, whichever comes
 * first. `owner` is the process that wrote it; for a `claimed` row (a parked one the releaser
 * took) `next_attempt_at` is when another process may take the claim over (a lease) and send it,
 * since no submit of it was written.
 */
@Injectable()
export class SendLedgerRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Takes over `claimed` rows (no submit written) another process holds: returns the ids now held by
   * `owner`. A claim `owner` already holds is its own releaser's, which is sending it: taking it
   * again would start a second send loop of the message in this process.
   */
  async takeOver(messageIds: readonly string[], owner: string, leaseMs: number): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const rows = await this.runReturning<{ message_id: string }>(
      `UPDATE send_ledger SET owner = $2::uuid, next_attempt_at = now() + $3::int * interval '1 millisecond', updated_at = now()
       WHERE message_id = ANY($1::uuid[]) AND state = 'claimed' AND owner IS DISTINCT FROM $2::uuid
       RETURNING message_id`,
      [messageIds, owner, leaseMs],
    );
    return new Set(rows.map((r) => r.message_id));
  }

  /**
   * Right before a message's first submit is written: a new row is inserted `submitting`, a row
   * `owner` holds `claimed` moves to `submitting`. Returns the ids that may be sent: any other row
   * belongs to another process (inserted or taken over meanwhile) and must not be sent from here.
   * A row already `submitting` under `owner` counts as started (a retry whose first commit was not
   * acknowledged), so a database blip never strands a started message.
   */
  async markStarted(starts: readonly StartRow[], owner: string): Promise<Set<string>> {
    if (starts.length === 0) return new Set();
    const rows = await this.run<Array<{ message_id: string }>>(
      `WITH t AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) AS t(message_id, segments, meta, payload)
       ), moved AS (
         UPDATE send_ledger AS l SET state = 'submitting', next_attempt_at = NULL, updated_at = now()
         FROM t WHERE t.segments IS NULL AND l.message_id = t.message_id AND l.state = 'claimed' AND l.owner = $5::uuid
         RETURNING l.message_id
       ), inserted AS (
         INSERT INTO send_ledger (message_id, state, segments, meta, payload, owner)
         SELECT t.message_id, 'submitting', t.segments, t.meta::jsonb, t.payload::jsonb, $5::uuid FROM t
         WHERE t.segments IS NOT NULL
         ON CONFLICT (message_id) DO NOTHING
         RETURNING message_id
       )
       SELECT message_id FROM moved UNION ALL SELECT message_id FROM inserted
       UNION ALL SELECT l.message_id FROM send_ledger AS l JOIN t ON l.message_id = t.message_id
         WHERE l.state = 'submitting' AND l.owner = $5::uuid`,
      [
        starts.map((r) => r.messageId),
        starts.map((r) => r.fresh?.segments ?? null),
        starts.map((r) => (r.fresh ? JSON.stringify(r.fresh.meta) : null)),
        starts.map((r) => (r.fresh?.payload ? JSON.stringify(r.fresh.payload) : null)),
        owner,
      ],
    );
    return new Set(rows.map((r) => r.message_id));
  }

  async load(messageIds: readonly string[]): Promise<Map<string, LedgerRow>> {
    if (messageIds.length === 0) return new Map();
    const rows = await this.run<DbRow[]>(
      `SELECT message_id, state, carrier_id, carrier_message_ids, attempts, segments, result FROM send_ledger WHERE message_id = ANY($1::uuid[])`,
      [messageIds],
    );
    return new Map(rows.map((r) => [r.message_id, toRow(r)]));
  }

  /**
   * Open rows can move; ambiguous only to submitted; settled rows never change and drop the payload.
   * An update with `fresh` inserts its row when there is none. Returns the `fresh` ids whose row
   * belongs to another process (it consumed the same record meanwhile): their results are not
   * this process's to report.
   */
  async apply(updates: readonly LedgerUpdate[]): Promise<Set<string>> {
    if (updates.length === 0) return new Set();
    const refused = await this.run<Array<{ message_id: string }>>(
      `WITH u AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::timestamptz[], $9::uuid[], $10::boolean[], $11::boolean[], $12::int[], $13::text[], $14::text[])
           AS u(message_id, state, carrier_id, ids, attempts, last_error, result, next_at, owner, pending, keep, segments, meta, payload)
       ), updated AS (
         UPDATE send_ledger AS l
         SET state = u.state,
             carrier_id = COALESCE(u.carrier_id, l.carrier_id),
             carrier_message_ids = CASE WHEN u.ids IS NULL THEN l.carrier_message_ids ELSE ARRAY(SELECT jsonb_array_elements_text(u.ids::jsonb)) END,
             attempts = GREATEST(l.attempts, u.attempts),
             last_error = u.last_error,
             result = u.result::jsonb,
             payload = CASE WHEN u.state = 'parked' OR (u.state = 'submitted' AND u.keep) THEN l.payload END,
             next_attempt_at = u.next_at,
             parks = l.parks + (u.state = 'parked')::int,
             status_pending = l.status_pending OR u.pending,
             updated_at = now()
         FROM u
         WHERE l.message_id = u.message_id
           AND (l.state IN ('claimed', 'submitting') OR (l.state = 'ambiguous' AND u.state = 'submitted'))
           AND (u.owner IS NULL OR l.owner = u.owner)
       ), inserted AS (
         INSERT INTO send_ledger (message_id, state, carrier_id, carrier_message_ids, attempts, segments, last_error, meta, result, payload, owner, next_attempt_at, parks, status_pending)
         SELECT u.message_id, u.state, u.carrier_id,
                CASE WHEN u.ids IS NULL THEN '{}'::text[] ELSE ARRAY(SELECT jsonb_array_elements_text(u.ids::jsonb)) END,
                u.attempts, u.segments, u.last_error, u.meta::jsonb, u.result::jsonb,
                CASE WHEN u.state = 'parked' OR (u.state = 'submitted' AND u.keep) THEN u.payload::jsonb END,
                u.owner, u.next_at, (u.state = 'parked')::int, u.pending
         FROM u WHERE u.segments IS NOT NULL
         ON CONFLICT (message_id) DO NOTHING
       )
       SELECT u.message_id FROM u JOIN send_ledger AS l ON l.message_id = u.message_id
       WHERE u.segments IS NOT NULL AND l.owner IS DISTINCT FROM u.owner`,
      [
        updates.map((u) => u.messageId),
        updates.map((u) => u.state),
        updates.map((u) => u.carrierId ?? null),
        updates.map((u) => (u.carrierMessageIds === undefined ? null : JSON.stringify(u.carrierMessageIds))),
        updates.map((u) => u.attempts),
        updates.map((u) => u.lastError?.slice(0, 500) ?? null),
        updates.map((u) => (u.result === undefined ? null : JSON.stringify(u.result))),
        updates.map((u) => u.nextAttemptAt ?? null),
        updates.map((u) => u.owner ?? null),
        updates.map((u) => u.statusPending === true),
        updates.map((u) => u.keepPayload === true),
        updates.map((u) => u.fresh?.segments ?? null),
        updates.map((u) => (u.fresh ? JSON.stringify(u.fresh.meta) : null)),
        updates.map((u) => (u.fresh?.payload ? JSON.stringify(u.fresh.payload) : null)),
      ],
    );
    return new Set(refused.map((r) => r.message_id));
  }

  /** The rows rerouting decides on: state, carrier, the carriers tried before and the kept payload. */
  async rerouteRows(messageIds: readonly string[]): Promise<Map<string, RerouteRow>> {
    if (messageIds.length === 0) return new Map();
    const rows = await this.run<
      Array<{
        message_id: string;
        state: LedgerState;
        carrier_id: string | null;
        tried_carriers: string[];
        reroutes: number;
        payload: SmsApprovedV1 | null;
      }>
    >(
      `SELECT message_id, state, carrier_id, tried_carriers, reroutes, payload FROM send_ledger WHERE message_id = ANY($1::uuid[])`,
      [messageIds],
    );
    return new Map(
      rows.map((r) => [
        r.message_id,
        {
          messageId: r.message_id,
          state: r.state,
          carrierId: r.carrier_id,
          triedCarriers: r.tried_carriers,
          reroutes: r.reroutes,
          payload: r.payload,
        },
      ]),
    );
  }

  /**
   * Sends a submitted message again through another carrier: parked, due now, with `carrierId`
   * added to the carriers not to use. False when the row moved meanwhile (another report won).
   */
  async reroute(messageId: string, carrierId: string): Promise<boolean> {
    const rows = await this.runReturning<unknown>(
      `UPDATE send_ledger
       SET state = 'parked', next_attempt_at = now(), tried_carriers = array_append(tried_carriers, carrier_id),
           reroutes = reroutes + 1, result = NULL, last_error = 'REROUTED: undelivered by ' || carrier_id, updated_at = now()
       WHERE message_id = $1::uuid AND state = 'submitted' AND carrier_id = $2 AND payload IS NOT NULL
       RETURNING 1`,
      [messageId, carrierId],
    );
    return rows.length === 1;
  }

  /** A final report came: the payload kept for rerouting is no longer needed. */
  async dropPayloads(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.run(
      `UPDATE send_ledger SET payload = NULL WHERE message_id = ANY($1::uuid[]) AND state = 'submitted' AND payload IS NOT NULL`,
      [messageIds],
    );
  }

  /** Clears the outbox flag of rows whose status was acked, in one statement (never a newer result's). */
  async statusesProduced(produced: readonly ProducedStatus[]): Promise<void> {
    if (produced.length === 0) return;
    await this.run(
      `UPDATE send_ledger AS l SET status_pending = false
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS p(message_id, status, at)
       WHERE l.message_id = p.message_id AND l.status_pending
         AND l.result->>'at' = p.at AND l.result->'result'->>'status' = p.status`,
      [produced.map((p) => p.messageId), produced.map((p) => p.status), produced.map((p) => p.at)],
    );
  }

  /**
   * Rows whose status is still pending and that nobody touched for `olderThanMs` (the live writer
   * produces within moments of its UPDATE). Touching `updated_at` leases them: another replica's
   * sweep leaves them alone for as long again.
   */
  async takePendingStatuses(olderThanMs: number, limit: number): Promise<PendingStatus[]> {
    const rows = await this.runReturning<{ message_id: string; result: StoredResult; meta: StatusMetaDto }>(
      `UPDATE send_ledger AS l SET updated_at = now()
       FROM (SELECT message_id FROM send_ledger
             WHERE status_pending AND updated_at < now() - $1::int * interval '1 millisecond'
             ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED) AS due
       WHERE l.message_id = due.message_id AND l.result IS NOT NULL
       RETURNING l.message_id, l.result, l.meta`,
      [olderThanMs, limit],
    );
    return rows.map((r) => ({ messageId: r.message_id, result: r.result, meta: r.meta }));
  }

  /** Parked rows per country (from `meta`, no payload read), through the due index. */
  async parkedByCountry(): Promise<ParkedCount[]> {
    const rows = await this.run<Array<{ country: string | null; n: number; oldest_s: number }>>(
      `SELECT meta->>'country' AS country, count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float8 AS oldest_s
       FROM send_ledger WHERE state = 'parked' GROUP BY 1`,
      [],
    );
    return rows.map((r) => ({ country: r.country ?? 'unknown', count: r.n, oldestSeconds: Math.max(0, r.oldest_s) }));
  }

  /** Gives back claims whose submit was never written (shutdown): a redelivery sends them afresh. */
  async release(messageIds: readonly string[], owner: string): Promise<void> {
    if (messageIds.length === 0) return;
    await this.run(
      `DELETE FROM send_ledger WHERE message_id = ANY($1::uuid[]) AND state = 'claimed' AND owner = $2::uuid`,
      [messageIds, owner],
    );
  }

  /**
   * Claims up to `limit` rows due now (parked, or claimed by a process whose lease ran out) for
   * `owner`, in one statement: SKIP LOCKED plus the state move means two replicas never get the same row.
   */
  async claimDue(owner: string, leaseMs: number, limit: number): Promise<DueRow[]> {
    const rows = await this.runReturning<{
      message_id: string;
      payload: SmsApprovedV1 | null;
      meta: StatusMetaDto;
      parks: number;
      attempts: number;
      tried_carriers: string[];
    }>(
      `UPDATE send_ledger AS l
       SET state = 'claimed', owner = $1::uuid, next_attempt_at = now() + $2::int * interval '1 millisecond', updated_at = now()
       FROM (SELECT message_id FROM send_ledger
             WHERE state IN ('claimed', 'parked') AND next_attempt_at <= now()
             ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) AS due
       WHERE l.message_id = due.message_id
       RETURNING l.message_id, l.payload, l.meta, l.parks, l.attempts, l.tried_carriers`,
      [owner, leaseMs, limit],
    );
    return rows.map((r) => ({
      messageId: r.message_id,
      payload: r.payload,
      meta: r.meta,
      parks: r.parks,
      attempts: r.attempts,
      avoid: r.tried_carriers,
    }));
  }

  /** Shutdown of the releaser: its claims (never started) go back to parked, due at once. */
  async repark(messageIds: readonly string[], owner: string): Promise<void> {
    if (messageIds.length === 0) return;
    await this.run(
      `UPDATE send_ledger SET state = 'parked', next_attempt_at = now(), updated_at = now() WHERE message_id = ANY($1::uuid[]) AND state = 'claimed' AND owner = $2::uuid`,
      [messageIds, owner],
    );
  }

  /** Receipts seen for these messages (their carrier echoed user_message_reference). */
  async dlrEvidence(messageIds: readonly string[]): Promise<Map<string, DlrEvidence>> {
    if (messageIds.length === 0) return new Map();
    const rows = await this.run<Array<{ message_id: string; carrier_id: string; ids: string[] }>>(
      `SELECT message_id, carrier_id, array_agg(DISTINCT carrier_message_id) AS ids FROM dlr_seen
       WHERE message_id = ANY($1::uuid[]) GROUP BY message_id, carrier_id`,
      [messageIds],
    );
    return new Map(rows.map((r) => [r.message_id, { carrierId: r.carrier_id, carrierMessageIds: r.ids }]));
  }

  /**
   * Records a status a carrier called back with; false when the same (carrier, message, status) is
   * already recorded: the callback is a redelivery and is acknowledged without publishing again.
   */
  async claimReport(carrierId: string, carrierMessageId: string, stat: string): Promise<boolean> {
    const rows = await this.run<unknown[]>(
      `INSERT INTO dlr_seen (carrier_id, carrier_message_id, stat) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [carrierId, carrierMessageId, stat],
    );
    return rows.length === 1;
  }

  /** Undoes a claim whose report could not be published, so the carrier's retry is taken. */
  async releaseReport(carrierId: string, carrierMessageId: string, stat: string): Promise<void> {
    await this.run('DELETE FROM dlr_seen WHERE carrier_id = $1 AND carrier_message_id = $2 AND stat = $3', [
      carrierId,
      carrierMessageId,
      stat,
    ]);
  }

  async recordDlrs(
    rows: ReadonlyArray<{ carrierId: string; carrierMessageId: string; messageId?: string; stat: string }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.run(
      `INSERT INTO dlr_seen (carrier_id, carrier_message_id, message_id, stat)
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map((r) => r.carrierId),
        rows.map((r) => r.carrierMessageId),
        rows.map((r) => r.messageId ?? null),
        rows.map((r) => r.stat),
      ],
    );
  }

  /** Message ids of stored carrier ids, for receipts the in-memory map no longer knows. */
  async messageIdsByCarrierIds(
    carrierMessageIds: readonly string[],
  ): Promise<Array<{ messageId: string; carrierId: string | null; carrierMessageIds: string[] }>> {
    if (carrierMessageIds.length === 0) return [];
    const rows = await this.run<DbRow[]>(
      `SELECT message_id, carrier_id, carrier_message_ids FROM send_ledger WHERE carrier_message_ids && $1::text[]`,
      [carrierMessageIds],
    );
    return rows.map((r) => ({
      messageId: r.message_id,
      carrierId: r.carrier_id,
      carrierMessageIds: r.carrier_message_ids,
    }));
  }

  /**
   * `submitting` rows left by a process that stopped mid-send: untouched for `afterMs` and held by an
   * owner not seen alive for as long (see ProcessRegistry), never `owner`'s own. Taking them touches
   * `updated_at`, a lease: another replica's reconciler leaves them alone for `afterMs` again.
   */
  async takeOrphans(owner: string, afterMs: number, limit: number): Promise<StaleRow[]> {
    const rows = await this.runReturning<DbRow>(
      `UPDATE send_ledger AS l SET updated_at = now()
       FROM (SELECT s.message_id FROM send_ledger AS s
             WHERE s.state = 'submitting' AND s.updated_at < now() - $2::int * interval '1 millisecond'
               AND ${silentOwner('s')}
             ORDER BY s.updated_at LIMIT $3 FOR UPDATE OF s SKIP LOCKED) AS orphan
       WHERE l.message_id = orphan.message_id
       RETURNING l.message_id, l.state, l.carrier_id, l.carrier_message_ids, l.attempts, l.segments, l.result, l.meta`,
      [owner, afterMs, limit],
    );
    return rows.map((r) => ({ ...toRow(r), meta: r.meta as StatusMetaDto }));
  }

  /**
   * `claimed` rows (no submit written) of an owner not seen alive for `afterMs`, never `owner`'s own:
   * their lease is ended, so the releaser claims them on its next poll instead of after
   * `DISPATCH_CLAIM_LEASE_MS`. Returns how many.
   */
  async endOrphanClaims(owner: string, afterMs: number): Promise<number> {
    const rows = await this.runReturning<unknown>(
      `UPDATE send_ledger AS l SET next_attempt_at = now()
       WHERE l.state = 'claimed' AND l.next_attempt_at > now()
         AND l.updated_at < now() - $2::int * interval '1 millisecond' AND ${silentOwner('l')}
       RETURNING 1`,
      [owner, afterMs],
    );
    return rows.length;
  }

  // TypeORM answers an UPDATE/DELETE with [rows, rowCount] rather than the rows RETURNING gave.
  private async runReturning<R>(sql: string, params: unknown[]): Promise<R[]> {
    const result = await this.run<unknown>(sql, params);
    if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
      return result[0] as R[];
    return result as R[];
  }

  private run<T = unknown>(sql: string, params: unknown[]): Promise<T> {
    return withDbErrors('send ledger', () => this.ds.query(sql, params));
  }
}

/**
 * The row (`alias`) belongs to a process other than `$1` that has not announced itself in
 * `processes` for `$2` ms (or never did): a stopped one, whose open rows are orphans.
 */
function silentOwner(alias: string): string {
  return `${alias}.owner IS DISTINCT FROM $1::uuid AND NOT EXISTS (SELECT 1 FROM processes AS p
    WHERE p.owner = ${alias}.owner AND p.seen_at >= now() - $2::int * interval '1 millisecond')`;
}

function toRow(r: DbRow): LedgerRow {
  return {
    messageId: r.message_id,
    state: r.state,
    carrierId: r.carrier_id,
    carrierMessageIds: r.carrier_message_ids ?? [],
    attempts: r.attempts,
    segments: r.segments,
    result: r.result ?? null,
  };
}
