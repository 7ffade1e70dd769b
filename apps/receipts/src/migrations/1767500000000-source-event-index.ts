import type { MigrationInterface, QueryRunner } from 'typeorm';

/** GET /v1/messages?eventId= (the operator console's search by event id) finds the rows by index. */
export class SourceEventIndex1767500000000 implements MigrationInterface {
  name = 'SourceEventIndex1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX IF NOT EXISTS messages_source_event_idx ON messages (source_event_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS messages_source_event_idx');
  }
}
