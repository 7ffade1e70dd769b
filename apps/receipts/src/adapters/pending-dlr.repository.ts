import { Injectable } from '@nestjs/common';
import type { CarrierReceiptV1, EnvelopeAttributes } from '@herald/contracts';
import { prepared, queryPrepared } from '@herald/persistence';
import type { EntityManager } from 'typeorm';
import { carrierKey } from './advisory-locks';

/** A DLR waiting for its submit: the payload and enough of the record to DLQ it faithfully. */
export interface PendingDlr {
  id?: string;
  carrierId: string;
  carrierMessageId: string;
  messageId?: string;
  eventKey: string;
  payload: CarrierReceiptV1;
  attributes: EnvelopeAttributes;
  source: { topic: string; partition: number; offset: string };
  receivedAt: string;
  expiresAt: string;
}

interface PendingRow {
  id: string;
  carrier_id: string;
  carrier_message_id: string;
  message_id: string | null;
  event_key: string;
  payload: CarrierReceiptV1;
  headers: EnvelopeAttributes;
  source_topic: string;
  source_partition: number;
  source_offset: string;
  received_at: Date;
  expires_at: Date;
}

const COLUMNS = `carrier_id text, carrier_message_id text, message_id uuid, event_key text, payload jsonb, headers jsonb,
  source_topic text, source_partition integer, source_offset text, received_at timestamptz, expires_at timestamptz`;
const NAMES = COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]);

const FIND_FOR = prepared(
  'receipts_pending_find_for',
  `SELECT p.* FROM unnest($1::text[], $2::text[]) AS k(c, m)
     JOIN pending_dlrs p ON p.carrier_id = k.c AND p.carrier_message_id = k.m
   UNION ALL
   SELECT p.* FROM pending_dlrs p WHERE p.message_id = ANY($3::uuid[])`,
);

@Injectable()
export class PendingDlrRepository {
  /**
   * Held DLRs for these carrier keys or message ids, oldest first. The caller holds the advisory
   * locks of both, which is what keeps the sweeper off them. Each branch is an index probe per key;
   * an OR or an outer `id IN (...)` lets the planner scan this high-churn table instead.
   */
  async findFor(
    em: EntityManager,
    keys: ReadonlyArray<{ carrierId: string; carrierMessageId: string }>,
    messageIds: readonly string[],
  ): Promise<PendingDlr[]> {
    if (keys.length === 0 && messageIds.length === 0) return [];
    const rows = await queryPrepared<PendingRow>(em, FIND_FOR, [
      keys.map((k) => k.carrierId),
      keys.map((k) => k.carrierMessageId),
      messageIds,
    ]);
    const unique = [...new Map(rows.map((r) => [String(r.id), r])).values()];
    return unique
      .map(toPending)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || Number(a.id) - Number(b.id));
  }

  /** A DLR held twice (redelivered, or seen by two replicas) keeps the earliest expiry: the TTL runs from its first arrival. */
  async insert(em: EntityManager, rows: readonly PendingDlr[]): Promise<void> {
    const unique = [
      ...new Map(rows.map((r) => [`${r.carrierId}\u001f${r.carrierMessageId}\u001f${r.eventKey}`, r])).values(),
    ];
    if (unique.length === 0) return;
    const json = unique.map((r) => ({
      carrier_id: r.carrierId,
      carrier_message_id: r.carrierMessageId,
      message_id: r.messageId ?? null,
      event_key: r.eventKey,
      payload: r.payload,
      headers: r.attributes,
      source_topic: r.source.topic,
      source_partition: r.source.partition,
      source_offset: r.source.offset,
      received_at: r.receivedAt,
      expires_at: r.expiresAt,
    }));
    await em.query(
      `INSERT INTO pending_dlrs (${NAMES.join(', ')})
       SELECT ${NAMES.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${COLUMNS})
       ON CONFLICT (carrier_id, carrier_message_id, event_key)
       DO UPDATE SET expires_at = LEAST(pending_dlrs.expires_at, EXCLUDED.expires_at)`,
      [JSON.stringify(json)],
    );
  }

  async delete(em: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await em.query('DELETE FROM pending_dlrs WHERE id = ANY($1::bigint[])', [ids]);
  }

  async expiredCandidates(
    em: EntityManager,
    now: Date,
    limit: number,
  ): Promise<Array<{ id: string; carrierKey: string; messageId?: string }>> {
    const rows: Array<{ id: string; carrier_id: string; carrier_message_id: string; message_id: string | null }> =
      await em.query(
        'SELECT id::text AS id, carrier_id, carrier_message_id, message_id FROM pending_dlrs WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2',
        [now, limit],
      );
    return rows.map((r) => ({
      id: r.id,
      carrierKey: carrierKey(r.carrier_id, r.carrier_message_id),
      messageId: r.message_id ?? undefined,
    }));
  }

  /** Re-read after locking: a submit may have claimed some of them meanwhile. */
  async loadExpired(em: EntityManager, ids: readonly string[], now: Date): Promise<PendingDlr[]> {
    if (ids.length === 0) return [];
    const rows: PendingRow[] = await em.query(
      'SELECT * FROM pending_dlrs WHERE id = ANY($1::bigint[]) AND expires_at <= $2 ORDER BY id',
      [ids, now],
    );
    return rows.map(toPending);
  }

  async count(em: EntityManager): Promise<number> {
    const [row]: Array<{ n: number }> = await em.query('SELECT count(*)::int AS n FROM pending_dlrs');
    return row.n;
  }
}

function toPending(r: PendingRow): PendingDlr {
  const p: PendingDlr = {
    id: String(r.id),
    carrierId: r.carrier_id,
    carrierMessageId: r.carrier_message_id,
    eventKey: r.event_key,
    payload: r.payload,
    attributes: r.headers,
    source: { topic: r.source_topic, partition: r.source_partition, offset: r.source_offset },
    receivedAt: r.received_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
  };
  if (r.message_id !== null) p.messageId = r.message_id;
  return p;
}
