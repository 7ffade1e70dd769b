import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Opt-out store + audit, consents, the deferred queue and cap counters (schema `compliance`). */
export class ComplianceSchema1767225600000 implements MigrationInterface {
  name = 'ComplianceSchema1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE optouts (
        recipient_token text NOT NULL,
        brand text NOT NULL,
        opted_out boolean NOT NULL,
        source text NOT NULL,
        keyword text,
        actor text,
        reason text,
        at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (recipient_token, brand)
      )`);
    await q.query(`
      CREATE TABLE optout_audit (
        id bigserial PRIMARY KEY,
        recipient_token text NOT NULL,
        brand text NOT NULL,
        action text NOT NULL CHECK (action IN ('opt_out', 'opt_in')),
        source text NOT NULL,
        keyword text,
        actor text,
        reason text,
        at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX optout_audit_recipient_idx ON optout_audit (recipient_token, id)');
    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY,
        recipient_token text NOT NULL,
        brand text NOT NULL,
        purpose text NOT NULL,
        legal_basis text NOT NULL,
        source text NOT NULL,
        granted_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by text,
        revoke_reason text
      )`);
    await q.query('CREATE INDEX consents_recipient_idx ON consents (recipient_token, brand)');
    await q.query(`
      CREATE TABLE deferred_messages (
        message_id uuid PRIMARY KEY,
        recipient_token text NOT NULL,
        payload jsonb NOT NULL,
        parent jsonb NOT NULL,
        release_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        deferred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX deferred_messages_release_idx ON deferred_messages (release_at)');
    await q.query(`
      CREATE TABLE cap_counters (
        recipient_token text NOT NULL,
        cap_name text NOT NULL,
        entries jsonb NOT NULL,
        window_ms bigint NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (recipient_token, cap_name)
      )`);
    await q.query('CREATE INDEX cap_counters_updated_idx ON cap_counters (updated_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['cap_counters', 'deferred_messages', 'consents', 'optout_audit', 'optouts'])
      await q.query(`DROP TABLE ${table}`);
  }
}
