import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { hashPassword, verifyPassword } from './password';
import type { Role } from './roles';

export interface Operator {
  name: string;
  role: Role;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS console_operators (
  name text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS console_sessions (
  token_hash text PRIMARY KEY,
  operator text NOT NULL REFERENCES console_operators(name) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS console_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  operator text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Operators (scrypt hashes), their sessions (only a digest of the cookie is stored) and the console's audit trail. */
export class OperatorStore {
  constructor(private readonly pool: Pool) {}

  async migrate(): Promise<void> {
    // One console at a time creates the tables; a second one waits for the lock instead of racing.
    const client = await this.pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(hashtext('herald-console-schema'))");
      await client.query(SCHEMA);
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('herald-console-schema'))").catch(() => undefined);
      client.release();
    }
  }

  async upsert(name: string, role: Role, password: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO console_operators (name, role, password_hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash',
      [name, role, await hashPassword(password)],
    );
  }

  async list(): Promise<Array<Operator & { createdAt: string }>> {
    const { rows } = await this.pool.query('SELECT name, role, created_at FROM console_operators ORDER BY name');
    return rows.map((r) => ({ name: r.name, role: r.role, createdAt: r.created_at.toISOString() }));
  }

  /** A new session for valid credentials; undefined otherwise (no hint which part was wrong). */
  async signIn(
    name: string,
    password: string,
    ttlMinutes: number,
  ): Promise<{ token: string; operator: Operator } | undefined> {
    const { rows } = await this.pool.query('SELECT name, role, password_hash FROM console_operators WHERE name = $1', [
      name,
    ]);
    // Verify against a throwaway hash for an unknown name, so the time taken says nothing about it.
    const ok = await verifyPassword(
      password,
      rows[0]?.password_hash ?? (await hashPassword(randomBytes(8).toString('hex'))),
    );
    if (!rows[0] || !ok) return undefined;
    const token = randomBytes(32).toString('base64url');
    await this.pool.query(
      'INSERT INTO console_sessions (token_hash, operator, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))',
      [sha256(token), name, ttlMinutes],
    );
    await this.pool.query('DELETE FROM console_sessions WHERE expires_at < now()');
    return { token, operator: { name: rows[0].name, role: rows[0].role } };
  }

  async session(token: string): Promise<Operator | undefined> {
    const { rows } = await this.pool.query(
      'SELECT o.name, o.role FROM console_sessions s JOIN console_operators o ON o.name = s.operator WHERE s.token_hash = $1 AND s.expires_at > now()',
      [sha256(token)],
    );
    return rows[0] && { name: rows[0].name, role: rows[0].role };
  }

  async signOut(token: string): Promise<void> {
    await this.pool.query('DELETE FROM console_sessions WHERE token_hash = $1', [sha256(token)]);
  }

  /** Every change made through the console, with the operator's name (the services' own trails get it too). */
  async audit(operator: string, action: string, target: string, detail: Record<string, unknown> = {}): Promise<void> {
    await this.pool.query('INSERT INTO console_audit (operator, action, target, detail) VALUES ($1, $2, $3, $4)', [
      operator,
      action,
      target,
      JSON.stringify(detail),
    ]);
  }

  async auditTrail(
    limit: number,
  ): Promise<Array<{ at: string; operator: string; action: string; target: string; detail: unknown }>> {
    const { rows } = await this.pool.query(
      'SELECT at, operator, action, target, detail FROM console_audit ORDER BY id DESC LIMIT $1',
      [limit],
    );
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }
}
