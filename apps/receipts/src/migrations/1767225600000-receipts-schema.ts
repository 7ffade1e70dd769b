import type { MigrationInterface, QueryRunner } from 'typeorm';

// Unqualified names resolve to schema `receipts` through the connection's search_path.
export class ReceiptsSchema1767225600000 implements MigrationInterface {
  name = 'ReceiptsSchema1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE messages (
        message_id uuid PRIMARY KEY,
        state text NOT NULL,
        is_final boolean NOT NULL,
        source_event_id text NOT NULL,
        source_event_type text NOT NULL,
        template_key text NOT NULL,
        locale text NOT NULL,
        category text NOT NULL,
        country text NOT NULL,
        recipient_token text NOT NULL,
        segments integer,
        encoding text,
        carrier_id text,
        carrier_message_id text,
        accepted_at timestamptz,
        submitted_at timestamptz,
        ambiguous_at timestamptz,
        final_at timestamptz,
        state_at timestamptz NOT NULL,
        deadline_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX messages_recipient_idx ON messages (recipient_token, created_at DESC)');
    await q.query('CREATE INDEX messages_deadline_idx ON messages (deadline_at) WHERE NOT is_final');
    await q.query(`
      CREATE TABLE timeline (
        id bigserial PRIMARY KEY,
        message_id uuid NOT NULL,
        event_key text NOT NULL,
        kind text NOT NULL,
        state text,
        previous_state text,
        applied boolean NOT NULL,
        ignored_reason text,
        raw_status text,
        raw_error_code text,
        reason_code text,
        reason text,
        carrier_id text,
        carrier_message_id text,
        source text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (message_id, event_key)
      )`);
    await q.query(`
      CREATE TABLE carrier_index (
        carrier_id text NOT NULL,
        carrier_message_id text NOT NULL,
        message_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (carrier_id, carrier_message_id)
      )`);
    await q.query('CREATE INDEX carrier_index_message_idx ON carrier_index (message_id)');
    await q.query(`
      CREATE TABLE pending_dlrs (
        id bigserial PRIMARY KEY,
        carrier_id text NOT NULL,
        carrier_message_id text NOT NULL,
        message_id uuid,
        event_key text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL,
        source_topic text NOT NULL,
        source_partition integer NOT NULL,
        source_offset text NOT NULL,
        received_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        UNIQUE (carrier_id, carrier_message_id, event_key)
      )`);
    await q.query('CREATE INDEX pending_dlrs_message_idx ON pending_dlrs (message_id) WHERE message_id IS NOT NULL');
    await q.query('CREATE INDEX pending_dlrs_expiry_idx ON pending_dlrs (expires_at)');
    await q.query(`
      CREATE TABLE webhook_replays (
        carrier_id text NOT NULL,
        signature text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (carrier_id, signature)
      )`);
    await q.query('CREATE INDEX webhook_replays_expiry_idx ON webhook_replays (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['webhook_replays', 'pending_dlrs', 'carrier_index', 'timeline', 'messages'])
      await q.query(`DROP TABLE ${table}`);
  }
}
