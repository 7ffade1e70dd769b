import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StoredResponse } from '../domain/idempotency.policy';
import type { SqlExecutor } from '@herald/persistence';

interface Row {
  requestHash: string;
  status: number | null;
  body: unknown;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Inside the request's transaction: takes the key (or an expired row of it). A concurrent request
   * with the same key waits here on the row lock until the first one commits or rolls back.
   */
  async claim(
    sql: SqlExecutor,
    apiKeyId: string,
    key: string,
    requestHash: string,
    ttlHours: number,
  ): Promise<boolean> {
    const rows = await sql.query<unknown[]>(
      `INSERT INTO idempotency_keys (api_key_id, key, request_hash, created_at, expires_at)
       VALUES ($1, $2, $3, now(), now() + make_interval(hours => $4))
       ON CONFLICT (api_key_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response_status = NULL,
         response_body = NULL, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
       WHERE idempotency_keys.expires_at <= now()
       RETURNING 1`,
      [apiKeyId, key, requestHash, ttlHours],
    );
    return rows.length === 1;
  }

  async find(sql: SqlExecutor, apiKeyId: string, key: string): Promise<StoredResponse | undefined> {
    const rows = await sql.query<Row[]>(
      `SELECT request_hash AS "requestHash", response_status AS status, response_body AS body
       FROM idempotency_keys WHERE api_key_id = $1 AND key = $2`,
      [apiKeyId, key],
    );
    const row = rows[0];
    return row === undefined || row.status === null
      ? undefined
      : { requestHash: row.requestHash, status: row.status, body: row.body };
  }

  async complete(sql: SqlExecutor, apiKeyId: string, key: string, status: number, body: unknown): Promise<void> {
    await sql.query(
      'UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE api_key_id = $1 AND key = $2',
      [apiKeyId, key, status, JSON.stringify(body)],
    );
  }

  async pruneExpired(limit = 10000): Promise<number> {
    const result = await this.ds.query<[unknown[], number]>(
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT $1)`,
      [limit],
    );
    return result[1];
  }
}
