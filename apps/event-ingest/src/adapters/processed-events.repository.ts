import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { prepared, queryPrepared, withDbErrors } from '@herald/persistence';
import type { DedupeCandidate, DedupeRow } from '../domain/dedupe.policy';

interface Row {
  source: string;
  eventId: string;
  inserted: boolean;
  firstTopic: string | null;
  firstPartition: number | null;
  firstOffset: string | null;
}

// One statement per batch: the INSERT claims new source+ids, and the outer SELECT reads, from the
// snapshot taken before the INSERT, where each conflicting row was first seen. Prepared: every batch runs it.
const CLAIM = prepared(
  'ingest_dedupe_claim_v1',
  `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[])
      AS t(source, event_id, event_type, topic, part, off)
  ), inserted AS (
    INSERT INTO processed_events (source, event_id, event_type, first_topic, first_partition, first_offset)
    SELECT source, event_id, event_type, topic, part, off FROM input
    ON CONFLICT (source, event_id) DO NOTHING
    RETURNING source, event_id
  )
  SELECT i.source, i.event_id AS "eventId", (ins.event_id IS NOT NULL) AS inserted,
         p.first_topic AS "firstTopic", p.first_partition AS "firstPartition", p.first_offset::text AS "firstOffset"
  FROM input i
  LEFT JOIN inserted ins ON ins.source = i.source AND ins.event_id = i.event_id
  LEFT JOIN processed_events p ON p.source = i.source AND p.event_id = i.event_id`,
);

@Injectable()
export class ProcessedEventsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Candidates must be unique by source+id (see splitInBatchDuplicates). */
  async claim(candidates: readonly DedupeCandidate[], sql: DataSource | EntityManager = this.ds): Promise<DedupeRow[]> {
    if (candidates.length === 0) return [];
    const rows = await withDbErrors('dedupe claim', () =>
      queryPrepared<Row>(sql, CLAIM, [
        candidates.map((c) => c.source),
        candidates.map((c) => c.eventId),
        candidates.map((c) => c.eventType),
        candidates.map((c) => c.position.topic),
        candidates.map((c) => c.position.partition ?? null),
        candidates.map((c) => c.position.offset ?? null),
      ]),
    );
    return rows.map((r) => {
      const row: DedupeRow = { source: r.source, eventId: r.eventId, inserted: r.inserted };
      if (r.firstTopic !== null) {
        row.firstSeen = { topic: r.firstTopic };
        if (r.firstPartition !== null) row.firstSeen.partition = r.firstPartition;
        if (r.firstOffset !== null) row.firstSeen.offset = r.firstOffset;
      }
      return row;
    });
  }
}
