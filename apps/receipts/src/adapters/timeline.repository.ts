import { Injectable } from '@nestjs/common';
import type { CanonicalState } from '@herald/contracts';
import type { EntityManager } from 'typeorm';
import type { IgnoredReason } from '../domain/canonical-state';
import type { TimelineEntry } from '../domain/message-record';
import type { StoredTimelineEntry } from '../domain/timeline-entry';

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

/** The timeline is a column of the message row (`messages.timeline`, appended in the row's own write). */
@Injectable()
export class TimelineRepository {
  async list(em: EntityManager, messageId: string): Promise<TimelineView[]> {
    const rows: Array<{ timeline: StoredTimelineEntry[] }> = await em.query(
      'SELECT timeline FROM messages WHERE message_id = $1::uuid',
      [messageId],
    );
    return (rows[0]?.timeline ?? []).map(toView);
  }
}

function toView(e: StoredTimelineEntry): TimelineView {
  const { eventKey: _eventKey, ...view } = e;
  return view;
}
