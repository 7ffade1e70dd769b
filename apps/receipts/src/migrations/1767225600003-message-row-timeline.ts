import type { MigrationInterface, QueryRunner } from 'typeorm';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

// One row per message (issue 18): the timeline becomes a jsonb array appended in the row's own
// write, and DLRs without a message id find their message through the submit's carrier ids on the
// row, so `timeline` and `carrier_index` are no longer written. Their rows are copied here; the
// tables are kept (read by nothing, emptied by retention) so a rollback to the previous release
// still finds them, and are dropped in a later release.
export class MessageRowTimeline1767225600003 implements MigrationInterface {
  name = 'MessageRowTimeline1767225600003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN timeline jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`
      UPDATE messages m SET timeline = t.entries
        FROM (SELECT message_id, jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                'eventKey', event_key, 'kind', kind, 'state', state, 'previousState', previous_state,
                'applied', applied, 'ignoredReason', ignored_reason, 'rawStatus', raw_status,
                'rawErrorCode', raw_error_code, 'reasonCode', reason_code, 'reason', reason,
                'carrierId', carrier_id, 'carrierMessageId', carrier_message_id, 'source', source,
                'occurredAt', to_char(occurred_at AT TIME ZONE 'UTC', ${ISO}),
                'recordedAt', to_char(recorded_at AT TIME ZONE 'UTC', ${ISO}))) ORDER BY id) AS entries
                FROM timeline GROUP BY message_id) t
       WHERE m.message_id = t.message_id`);
    await q.query(
      'CREATE INDEX messages_carrier_idx ON messages (carrier_id, carrier_message_id) WHERE carrier_message_id IS NOT NULL',
    );
    await q.query(
      `COMMENT ON TABLE timeline IS 'superseded by messages.timeline (migration 1767225600003): not written any more'`,
    );
    await q.query(
      `COMMENT ON TABLE carrier_index IS 'superseded by messages_carrier_idx (migration 1767225600003): not written any more'`,
    );
  }

  /** Entries appended since the migration stay only in the column being dropped: the old tables hold what they held then. */
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX messages_carrier_idx');
    await q.query('ALTER TABLE messages DROP COLUMN timeline');
    await q.query('COMMENT ON TABLE timeline IS NULL');
    await q.query('COMMENT ON TABLE carrier_index IS NULL');
  }
}
