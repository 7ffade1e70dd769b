import { Injectable } from '@nestjs/common';
import type { CanonicalState } from '@herald/contracts';
import type { EntityManager } from 'typeorm';
import type { IgnoredReason } from '../domain/canonical-state';
import type { TimelineEntry } from '../domain/message-record';

const COLUMNS = `message_id uuid, event_key text, kind text, state text, previous_state text, applied boolean,
  ignored_reason text, raw_status text, raw_error_code text, reason_code text, reason text, carrier_id text,
  carrier_message_id text, source text, occurred_at timestamptz`;
const NAMES = COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]);

interface TimelineRow {
  kind: TimelineEntry['kind'];
  state: CanonicalState | null;
  previous_state: CanonicalState | null;
  applied: boolean;
  ignored_reason: IgnoredReason | null;
  raw_status: string | null;
  raw_error_code: string | null;
  reason_code: string | null;
  reason: string | null;
  carrier_id: string | null;
  carrier_message_id: string | null;
  source: string;
  occurred_at: Date;
  recorded_at: Date;
}

/** What support staff see: every event in arrival order, with whether it moved the state. */
export interface TimelineView {
  kind: TimelineEntry['kind'];
  state?: CanonicalState;
  previousState?: CanonicalState;
  applied: boolean;
  ignoredReason?: IgnoredReason;
  rawStatus?: string;
  rawErrorCode?: string;
  reasonCode?: string;
  reason?: string;
  carrierId?: string;
  carrierMessageId?: string;
  source: string;
  occurredAt: string;
  recordedAt: string;
}

@Injectable()
export class TimelineRepository {
  /** One statement; an event already recorded (same message and event key) adds nothing. */
  async insert(em: EntityManager, entries: readonly TimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await em.query(
      `INSERT INTO timeline (${NAMES.join(', ')})
       SELECT ${NAMES.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${COLUMNS})
       ON CONFLICT (message_id, event_key) DO NOTHING`,
      [JSON.stringify(entries.map(toRow))],
    );
  }

  async list(em: EntityManager, messageId: string): Promise<TimelineView[]> {
    const rows: TimelineRow[] = await em.query('SELECT * FROM timeline WHERE message_id = $1::uuid ORDER BY id', [messageId]);
    return rows.map(toView);
  }
}

function toRow(e: TimelineEntry): Record<string, unknown> {
  return {
    message_id: e.messageId,
    event_key: e.eventKey,
    kind: e.kind,
    state: e.state ?? null,
    previous_state: e.previousState ?? null,
    applied: e.applied,
    ignored_reason: e.ignoredReason ?? null,
    raw_status: e.rawStatus ?? null,
    raw_error_code: e.rawErrorCode ?? null,
    reason_code: e.reasonCode ?? null,
    reason: e.reason ?? null,
    carrier_id: e.carrierId ?? null,
    carrier_message_id: e.carrierMessageId ?? null,
    source: e.source,
    occurred_at: e.occurredAt,
  };
}

function toView(r: TimelineRow): TimelineView {
  const view: TimelineView = { kind: r.kind, applied: r.applied, source: r.source, occurredAt: r.occurred_at.toISOString(), recordedAt: r.recorded_at.toISOString() };
  const optional: Partial<TimelineView> = {
    state: r.state ?? undefined,
    previousState: r.previous_state ?? undefined,
    ignoredReason: r.ignored_reason ?? undefined,
    rawStatus: r.raw_status ?? undefined,
    rawErrorCode: r.raw_error_code ?? undefined,
    reasonCode: r.reason_code ?? undefined,
    reason: r.reason ?? undefined,
    carrierId: r.carrier_id ?? undefined,
    carrierMessageId: r.carrier_message_id ?? undefined,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(view, { [k]: v });
  return view;
}
