import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApiScope } from '../domain/api-key';
import { withDbErrors } from '@herald/persistence';

export interface ApiKeyRecord {
  id: string;
  name: string;
  scopes: ApiScope[];
  /** Brand ids (or `*`) the key may send for; empty: the default brand only. */
  brands: string[];
  rateLimitPerSecond: number;
  createdAt: string;
  revokedAt: Date | null;
}

export interface NewApiKey {
  name: string;
  keyHash: string;
  scopes: ApiScope[];
  brands: string[];
  rateLimitPerSecond: number;
}

const COLUMNS = `id, name, scopes, brands, rate_limit_per_second AS "rateLimitPerSecond",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", revoked_at AS "revokedAt"`;

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly ds: DataSource) {}

  /** Seeds from config win over what the table holds for the same name (and un-revoke it). */
  async upsertByName(keys: readonly NewApiKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.ds.query(
      `INSERT INTO api_keys (name, key_hash, scopes, brands, rate_limit_per_second)
       SELECT n, h, string_to_array(s, '|'), string_to_array(b, '|'), r
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS t(n, h, s, b, r)
       ON CONFLICT (name) DO UPDATE SET key_hash = EXCLUDED.key_hash, scopes = EXCLUDED.scopes, brands = EXCLUDED.brands,
         rate_limit_per_second = EXCLUDED.rate_limit_per_second, revoked_at = NULL`,
      [
        keys.map((k) => k.name),
        keys.map((k) => k.keyHash),
        keys.map((k) => k.scopes.join('|')),
        keys.map((k) => k.brands.join('|')),
        keys.map((k) => k.rateLimitPerSecond),
      ],
    );
  }

  /**
   * Counts one request against the key's day (one statement, shared by every replica) and returns
   * the day's count with the key's own quota (NULL: the configured default).
   */
  async countRequest(keyId: string, day: string): Promise<{ requests: number; dailyQuota: number | null }> {
    const rows = await withDbErrors('api key usage', () =>
      this.ds.query<Array<{ requests: number; dailyQuota: number | null }>>(
        `INSERT INTO api_key_usage (api_key_id, day, requests) VALUES ($1, $2::date, 1)
         ON CONFLICT (api_key_id, day) DO UPDATE SET requests = api_key_usage.requests + 1
         RETURNING requests, (SELECT daily_quota FROM api_keys WHERE id = $1) AS "dailyQuota"`,
        [keyId, day],
      ),
    );
    return rows[0];
  }

  async findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const rows = await withDbErrors('api key lookup', () =>
      this.ds.query<ApiKeyRecord[]>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [keyHash]),
    );
    return rows[0];
  }

  /** Undefined when the name is taken. */
  async create(key: NewApiKey): Promise<ApiKeyRecord | undefined> {
    const rows = await withDbErrors('api key create', () =>
      this.ds.query<ApiKeyRecord[]>(
        `INSERT INTO api_keys (name, key_hash, scopes, brands, rate_limit_per_second) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
        [key.name, key.keyHash, key.scopes, key.brands, key.rateLimitPerSecond],
      ),
    );
    return rows[0];
  }
}
