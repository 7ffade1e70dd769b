/** Where a record was first seen: a Kafka position, or `http` for the HTTP API (no offsets there). */
export interface RecordPosition {
  topic: string;
  partition?: number;
  offset?: string;
}

export const HTTP_POSITION: RecordPosition = { topic: 'http' };

export interface DedupeCandidate {
  source: string;
  eventId: string;
  eventType: string;
  position: RecordPosition;
}

/** The row after `INSERT ... ON CONFLICT DO NOTHING`: ours, or the one that was there first. */
export interface DedupeRow {
  source: string;
  eventId: string;
  inserted: boolean;
  /** Absent when another transaction committed the row after our statement's snapshot. */
  firstSeen?: RecordPosition;
}

/**
 * - new: first time this source+id is seen.
 * - redelivery: the SAME record again (offsets are committed only after outputs are acked, so a crash
 *   between the dedupe insert and the publish redelivers it); emit again, downstream collapses by message id.
 * - duplicate: the event re-published as another record, or re-posted over HTTP; skip it.
 */
export type DedupeDecision = 'new' | 'redelivery' | 'duplicate';

export function dedupeKey(source: string, eventId: string): string {
  return `${source}\u0000${eventId}`;
}

export function samePosition(a: RecordPosition, b: RecordPosition): boolean {
  if (a.topic === HTTP_POSITION.topic || b.topic === HTTP_POSITION.topic) return false;
  return a.topic === b.topic && a.partition === b.partition && a.offset === b.offset;
}

export function decideDedupe(candidate: DedupeCandidate, row: DedupeRow | undefined): DedupeDecision {
  if (row?.inserted) return 'new';
  if (row?.firstSeen !== undefined && samePosition(candidate.position, row.firstSeen)) return 'redelivery';
  return 'duplicate';
}

export function shouldEmit(decision: DedupeDecision): boolean {
  return decision !== 'duplicate';
}

/** Two records of one batch with the same source+id: the first one claims it, the rest are duplicates. */
export function splitInBatchDuplicates<C extends DedupeCandidate>(
  candidates: readonly C[],
): { unique: C[]; duplicates: C[] } {
  const seen = new Set<string>();
  const unique: C[] = [];
  const duplicates: C[] = [];
  for (const c of candidates) {
    const key = dedupeKey(c.source, c.eventId);
    if (seen.has(key)) duplicates.push(c);
    else {
      seen.add(key);
      unique.push(c);
    }
  }
  return { unique, duplicates };
}
