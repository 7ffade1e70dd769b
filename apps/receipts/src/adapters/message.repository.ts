import { Injectable } from '@nestjs/common';
import { isFinalState, type CanonicalState, type MessageCategory, type SmsEncoding } from '@herald/contracts';
import { prepared, queryPrepared } from '@herald/persistence';
import type { EntityManager } from 'typeorm';
import type { MessageRecord } from '../domain/message-record';
import { outcomeReasonOf, type OutcomeReason } from '../domain/outcome-reason';
import { SWEEP_SOURCE, type OutboxEntry } from '../domain/receipt-outbox';
import type { StoredTimelineEntry } from '../domain/timeline-entry';
import { carrierKey } from './advisory-locks';

interface MessageRow {
  message_id: string;
  state: CanonicalState;
  source_event_id: string;
  source_event_type: string;
  template_key: string;
  locale: string;
  category: MessageCategory;
  country: string;
  recipient_token: string;
  segments: number | null;
  encoding: SmsEncoding | null;
  carrier_id: string | null;
  carrier_message_id: string | null;
  accepted_at: Date | null;
  submitted_at: Date | null;
  ambiguous_at: Date | null;
  final_at: Date | null;
  state_at: Date;
  deadline_at: Date | null;
  created_at: Date;
  updated_at: Date;
  outbox: OutboxEntry[] | null;
  timeline: StoredTimelineEntry[];
}

/** A message row as loaded: its state, its timeline, and the receipts committed with it that may still be unproduced. */
export interface LoadedMessage {
  record: MessageRecord;
  outbox: OutboxEntry[];
  timeline: StoredTimelineEntry[];
}

/** A row to write: the whole record and outbox, and only the timeline entries to append. */
export interface ChangedRow {
  record: MessageRecord;
  outbox: OutboxEntry[];
  appended: StoredTimelineEntry[];
}

export interface StoredMessage extends MessageRecord {
  createdAt: string;
  updatedAt: string;
  /** Why it is in its state (suppressed, failed, undelivered...), from the timeline entry that put it there. */
  outcome?: OutcomeReason;
}

const RECORD_COLUMNS = `message_id uuid, state text, is_final boolean, source_event_id text, source_event_type text,
  template_key text, locale text, category text, country text, recipient_token text, segments integer, encoding text,
  carrier_id text, carrier_message_id text, accepted_at timestamptz, submitted_at timestamptz, ambiguous_at timestamptz,
  final_at timestamptz, state_at timestamptz, deadline_at timestamptz, outbox jsonb, timeline jsonb`;
const NAMES = RECORD_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]);
const UPDATES = NAMES.filter((n) => n !== 'message_id' && n !== 'timeline')
  .map((n) => `${n} = EXCLUDED.${n}`)
  .join(', ');

// The two statements every batch runs: parsed and planned once per connection.
const FIND = prepared('receipts_messages_find', 'SELECT * FROM messages WHERE message_id = ANY($1::uuid[])');
const UPSERT = prepared(
  'receipts_messages_upsert',
  `INSERT INTO messages (${NAMES.join(', ')})
   SELECT ${NAMES.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_COLUMNS})
   ON CONFLICT (message_id) DO UPDATE SET ${UPDATES}, timeline = messages.timeline || EXCLUDED.timeline, updated_at = now()`,
);

@Injectable()
export class MessageRepository {
  async find(em: EntityManager, ids: readonly string[]): Promise<Map<string, LoadedMessage>> {
    if (ids.length === 0) return new Map();
    const rows = await queryPrepared<MessageRow>(em, FIND, [ids]);
    return new Map(rows.map((r) => [r.message_id, toLoaded(r)]));
  }

  /**
   * Message ids of DLRs that carry none, by the submit's carrier message id (the latest submit wins:
   * some SMSCs recycle their ids). Keyed by `carrierKey()`; one lookup for the batch.
   */
  async idsByCarrier(
    em: EntityManager,
    pairs: ReadonlyArray<{ carrierId: string; carrierMessageId: string }>,
  ): Promise<Map<string, string>> {
    if (pairs.length === 0) return new Map();
    const rows: Array<{ carrier_id: string; carrier_message_id: string; message_id: string }> = await em.query(
      `SELECT DISTINCT ON (m.carrier_id, m.carrier_message_id) m.carrier_id, m.carrier_message_id, m.message_id
         FROM messages m JOIN unnest($1::text[], $2::text[]) AS p(c, k) ON m.carrier_id = p.c AND m.carrier_message_id = p.k
        ORDER BY m.carrier_id, m.carrier_message_id, m.submitted_at DESC NULLS LAST`,
      [pairs.map((p) => p.carrierId), pairs.map((p) => p.carrierMessageId)],
    );
    return new Map(rows.map((r) => [carrierKey(r.carrier_id, r.carrier_message_id), r.message_id]));
  }

  /** One statement for the whole batch, timeline entries appended; callers pass at most one row per message. */
  async upsert(em: EntityManager, records: readonly ChangedRow[]): Promise<void> {
    if (records.length === 0) return;
    await queryPrepared(em, UPSERT, [JSON.stringify(records.map(toRow))]);
  }

  /** Rows holding a timeout receipt not yet produced (normally none: the sweep clears them right after). */
  async withSweepOutbox(em: EntityManager, limit: number): Promise<LoadedMessage[]> {
    const rows: MessageRow[] = await em.query(
      `SELECT * FROM messages WHERE outbox @> '[{"src":"${SWEEP_SOURCE}"}]' LIMIT $1`,
      [limit],
    );
    return rows.map(toLoaded);
  }

  /** Drops produced entries from the outbox; rows whose outbox is then empty hold NULL. */
  async dropFromOutbox(em: EntityManager, ids: ReadonlyArray<{ messageId: string; receiptId: string }>): Promise<void> {
    if (ids.length === 0) return;
    await em.query(
      `UPDATE messages m SET outbox = (SELECT jsonb_agg(e) FROM jsonb_array_elements(m.outbox) e WHERE NOT e->>'id' = ANY(d.ids))
         FROM (SELECT mid, array_agg(rid) AS ids FROM unnest($1::uuid[], $2::text[]) AS x(mid, rid) GROUP BY mid) d
        WHERE m.message_id = d.mid AND m.outbox IS NOT NULL`,
      [ids.map((i) => i.messageId), ids.map((i) => i.receiptId)],
    );
  }

  async findOne(em: EntityManager, id: string): Promise<StoredMessage | undefined> {
    const rows: MessageRow[] = await em.query('SELECT * FROM messages WHERE message_id = $1::uuid', [id]);
    return rows[0] && toStored(rows[0]);
  }

  async findByRecipient(em: EntityManager, recipientToken: string, limit: number): Promise<StoredMessage[]> {
    const rows: MessageRow[] = await em.query(
      'SELECT * FROM messages WHERE recipient_token = $1 ORDER BY created_at DESC LIMIT $2',
      [recipientToken, limit],
    );
    return rows.map(toStored);
  }

  /** The messages one business event produced (the operator console's search by event id). */
  async findBySourceEvent(em: EntityManager, eventId: string, limit: number): Promise<StoredMessage[]> {
    const rows: MessageRow[] = await em.query(
      'SELECT * FROM messages WHERE source_event_id = $1 ORDER BY created_at DESC LIMIT $2',
      [eventId, limit],
    );
    return rows.map(toStored);
  }

  /** Live messages past their deadline, oldest first. */
  async overdue(em: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows: Array<{ message_id: string }> = await em.query(
      'SELECT message_id FROM messages WHERE NOT is_final AND deadline_at <= $1 ORDER BY deadline_at LIMIT $2',
      [now, limit],
    );
    return rows.map((r) => r.message_id);
  }
}

function toRow({ record: r, outbox, appended }: ChangedRow): Record<string, unknown> {
  const m = r.meta;
  return {
    message_id: r.messageId,
    state: r.state,
    is_final: isFinalState(r.state),
    source_event_id: m.sourceEventId,
    source_event_type: m.sourceEventType,
    template_key: m.templateKey,
    locale: m.locale,
    category: m.category,
    country: m.country,
    recipient_token: m.recipientToken,
    segments: m.segments ?? null,
    encoding: m.encoding ?? null,
    carrier_id: r.carrierId ?? null,
    carrier_message_id: r.carrierMessageId ?? null,
    accepted_at: r.acceptedAt ?? null,
    submitted_at: r.submittedAt ?? null,
    ambiguous_at: r.ambiguousAt ?? null,
    final_at: r.finalAt ?? null,
    state_at: r.stateAt,
    deadline_at: r.deadlineAt ?? null,
    outbox: outbox.length > 0 ? outbox : null,
    timeline: appended,
  };
}

function toLoaded(r: MessageRow): LoadedMessage {
  return { record: toRecord(r), outbox: r.outbox ?? [], timeline: r.timeline ?? [] };
}

function toRecord(r: MessageRow): MessageRecord {
  const record: MessageRecord = {
    messageId: r.message_id,
    state: r.state,
    meta: {
      sourceEventId: r.source_event_id,
      sourceEventType: r.source_event_type,
      templateKey: r.template_key,
      locale: r.locale,
      category: r.category,
      country: r.country,
      recipientToken: r.recipient_token,
    },
    stateAt: r.state_at.toISOString(),
  };
  if (r.segments !== null) record.meta.segments = r.segments;
  if (r.encoding !== null) record.meta.encoding = r.encoding;
  const optional: Partial<MessageRecord> = {
    carrierId: r.carrier_id ?? undefined,
    carrierMessageId: r.carrier_message_id ?? undefined,
    acceptedAt: r.accepted_at?.toISOString(),
    submittedAt: r.submitted_at?.toISOString(),
    ambiguousAt: r.ambiguous_at?.toISOString(),
    finalAt: r.final_at?.toISOString(),
    deadlineAt: r.deadline_at?.toISOString(),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(record, { [k]: v });
  return record;
}

function toStored(r: MessageRow): StoredMessage {
  const stored: StoredMessage = {
    ...toRecord(r),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
  const outcome = outcomeReasonOf(r.state, r.timeline ?? []);
  if (outcome) stored.outcome = outcome;
  return stored;
}
