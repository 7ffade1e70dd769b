import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SmsApprovedV1, StatusMetaDto } from '@herald/contracts';
import { withDbErrors } from '@herald/persistence';
import type { DlrEvidence, LedgerRow, LedgerState } from '../domain/ledger-decision';
import type { StoredResult } from '../domain/message-result';

export interface ClaimRow {
  messageId: string;
  state: Extract<LedgerState, 'claimed' | 'expired'>;
  segments: number;
  meta: StatusMetaDto;
  /** Kept while the row is open, so a claim that was never started can be sent by another process. */
  payload?: SmsApprovedV1;
  /** Set when the row is born settled (expired before dispatch). */
  result?: StoredResult;
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
  /** `parked`: only the owner of the claim may park it. */
  owner?: string;
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
 * The send ledger (schema dispatch): one statement per batch, never a round trip per message.
 * `owner` is the process holding a `claimed` row; `next_attempt_at` is when another process may
 * take the claim over (a lease) and send it, since no submit of it was written.
 */
@Injectable()
export class SendLedgerRepository {
  constructor(private readonly ds: DataSource) {}

  /** Inserts rows that do not exist yet; returns the ids this call created (the others already were). */
  async claim(rows: readonly ClaimRow[], owner: string, leaseMs: number): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const result = await this.run<Array<{ message_id: string }>>(
      `INSERT INTO send_ledger (message_id, state, segments, meta, result, payload, owner, next_attempt_at)
       SELECT t.message_id, t.state, t.segments, t.meta::jsonb, t.result::jsonb, t.payload::jsonb, $7::uuid,
              CASE WHEN t.state = 'claimed' THEN now() + $8::int * interval '1 millisecond' END
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[]) AS t(message_id, state, segments, meta, result, payload)
       ON CONFLICT (message_id) DO NOTHING
       RETURNING message_id`,
      [
        rows.map((r) => r.messageId),
        rows.map((r) => r.state),
        rows.map((r) => r.segments),
        rows.map((r) => JSON.stringify(r.meta)),
        rows.map((r) => (r.result === undefined ? null : JSON.stringify(r.result))),
        rows.map((r) => (r.payload === undefined ? null : JSON.stringify(r.payload))),
        owner,
        leaseMs,
      ],
    );
    return new Set(result.map((r) => r.message_id));
  }

  /** Takes over `claimed` rows (no submit written): returns the ids now held by `owner`. */
  async takeOver(messageIds: readonly string[], owner: string, leaseMs: number): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const rows = await this.runReturning<{ message_id: string }>(
      `UPDATE send_ledger SET owner = $2::uuid, next_attempt_at = now() + $3::int * interval '1 millisecond', updated_at = now()
       WHERE message_id = ANY($1::uuid[]) AND state = 'claimed'
       RETURNING message_id`,
      [messageIds, owner, leaseMs],
    );
    return new Set(rows.map((r) => r.message_id));
  }

  /**
   * claimed -> submitting right before the first submit is written, only for rows `owner` still
   * holds: the returned ids may be sent, any other was taken over and must not be sent from here.
   */
  async markStarted(messageIds: readonly string[], owner: string): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const rows = await this.runReturning<{ message_id: string }>(
      `UPDATE send_ledger SET state = 'submitting', next_attempt_at = NULL, updated_at = now()
       WHERE message_id = ANY($1::uuid[]) AND state = 'claimed' AND owner = $2::uuid
       RETURNING message_id`,
      [messageIds, owner],
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

  /** Open rows can move; ambiguous only to submitted; settled rows never change and drop the payload. */
  async apply(updates: readonly LedgerUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await this.run(
      `UPDATE send_ledger AS l
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
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::timestamptz[], $9::uuid[], $10::boolean[], $11::boolean[])
            AS u(message_id, state, carrier_id, ids, attempts, last_error, result, next_at, owner, pending, keep)
       WHERE l.message_id = u.message_id
         AND (l.state IN ('claimed', 'submitting') OR (l.state = 'ambiguous' AND u.state = 'submitted'))
         AND (u.owner IS NULL OR l.owner = u.owner)`,
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
      ],
    );
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

  /** `submitting` rows untouched for `olderThanMs`: left by a process that stopped mid-send. */
  async staleSubmitting(olderThanMs: number, limit: number): Promise<StaleRow[]> {
    const rows = await this.run<DbRow[]>(
      `SELECT message_id, state, carrier_id, carrier_message_ids, attempts, segments, result, meta FROM send_ledger
       WHERE state = 'submitting' AND updated_at < now() - ($1::int * interval '1 millisecond')
       ORDER BY updated_at LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((r) => ({ ...toRow(r), meta: r.meta as StatusMetaDto }));
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
