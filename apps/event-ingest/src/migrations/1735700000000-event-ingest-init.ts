import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventIngestInit1735700000000 implements MigrationInterface {
  name = 'EventIngestInit1735700000000';

  async up(q: QueryRunner): Promise<void> {
    // first_topic is the Kafka topic the event was first read from, or 'http' (then no partition/offset):
    // a redelivery of that same record is processed again, any other copy is a duplicate.
    await q.query(`
      CREATE TABLE processed_events (
        source          text        NOT NULL,
        event_id        text        NOT NULL,
        event_type      text        NOT NULL,
        first_topic     text        NOT NULL,
        first_partition integer,
        first_offset    bigint,
        first_seen_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, event_id)
      )`);
    await q.query('CREATE INDEX processed_events_first_seen_at_idx ON processed_events (first_seen_at)');
    await q.query(`
      CREATE TABLE api_keys (
        id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        name                  text        NOT NULL UNIQUE,
        key_hash              char(64)    NOT NULL UNIQUE,
        scopes                text[]      NOT NULL,
        rate_limit_per_second integer     NOT NULL CHECK (rate_limit_per_second > 0),
        created_at            timestamptz NOT NULL DEFAULT now(),
        revoked_at            timestamptz
      )`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        api_key_id      uuid        NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
        key             text        NOT NULL,
        request_hash    char(64)    NOT NULL,
        response_status integer,
        response_body   jsonb,
        created_at      timestamptz NOT NULL,
        expires_at      timestamptz NOT NULL,
        PRIMARY KEY (api_key_id, key)
      )`);
    await q.query('CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys');
    await q.query('DROP TABLE api_keys');
    await q.query('DROP TABLE processed_events');
  }
}
