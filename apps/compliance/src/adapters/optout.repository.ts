import { Injectable } from '@nestjs/common';
import type { OptAction, OptSource } from '@herald/contracts';
import type { OptOutState } from '../domain/policies/opt-out.policy';
import { withDbErrors, type SqlExecutor } from '@herald/persistence';
import { iso } from './db';

export interface OptChange {
  recipientToken: string;
  brand: string;
  action: OptAction;
  source: OptSource;
  keyword?: string;
  actor?: string;
  reason?: string;
  at: string;
}

export interface StoredOptOut extends OptOutState {
  keyword: string | null;
  actor: string | null;
  reason: string | null;
}

export interface OptAuditEntry {
  brand: string;
  action: OptAction;
  source: OptSource;
  actor: string | null;
  keyword: string | null;
  reason: string | null;
  at: string;
  recordedAt: string;
}

interface StateRow {
  recipient_token: string;
  brand: string;
  opted_out: boolean;
  source: OptSource;
  keyword: string | null;
  actor: string | null;
  reason: string | null;
  at: Date;
}
interface AuditRow {
  brand: string;
  action: OptAction;
  source: OptSource;
  actor: string | null;
  keyword: string | null;
  reason: string | null;
  at: Date;
  recorded_at: Date;
}

// One statement: apply each change only if it is newer than the stored one, and audit what applied.
const APPLY = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
    AS u(recipient_token, brand, action, source, keyword, actor, reason, at)
), applied AS (
  INSERT INTO optouts (recipient_token, brand, opted_out, source, keyword, actor, reason, at, updated_at)
  SELECT recipient_token, brand, action = 'opt_out', source, keyword, actor, reason, at, now() FROM input
  ON CONFLICT (recipient_token, brand) DO UPDATE
    SET opted_out = EXCLUDED.opted_out, source = EXCLUDED.source, keyword = EXCLUDED.keyword, actor = EXCLUDED.actor,
        reason = EXCLUDED.reason, at = EXCLUDED.at, updated_at = now()
    WHERE optouts.at < EXCLUDED.at
  RETURNING recipient_token, brand, opted_out, source, keyword, actor, reason, at
)
INSERT INTO optout_audit (recipient_token, brand, action, source, keyword, actor, reason, at)
SELECT recipient_token, brand, CASE WHEN opted_out THEN 'opt_out' ELSE 'opt_in' END, source, keyword, actor, reason, at FROM applied
RETURNING recipient_token, brand, action, source`;

@Injectable()
export class OptOutRepository {
  loadFor(q: SqlExecutor, tokens: string[]): Promise<StoredOptOut[]> {
    if (tokens.length === 0) return Promise.resolve([]);
    return withDbErrors('load opt-outs', async () => {
      const rows = await q.query<StateRow[]>(
        'SELECT recipient_token, brand, opted_out, source, keyword, actor, reason, at FROM optouts WHERE recipient_token = ANY($1::text[])',
        [tokens],
      );
      return rows.map((r) => ({
        recipientToken: r.recipient_token,
        brand: r.brand,
        optedOut: r.opted_out,
        source: r.source,
        keyword: r.keyword,
        actor: r.actor,
        reason: r.reason,
        at: iso(r.at),
      }));
    });
  }

  /** Returns the changes that were newer than the stored state and therefore applied. */
  apply(
    q: SqlExecutor,
    changes: readonly OptChange[],
  ): Promise<Array<Pick<OptChange, 'recipientToken' | 'brand' | 'action' | 'source'>>> {
    if (changes.length === 0) return Promise.resolve([]);
    const col = <K extends keyof OptChange>(k: K) => changes.map((c) => c[k] ?? null);
    return withDbErrors('apply opt-outs', async () => {
      const rows = await q.query<
        Array<{ recipient_token: string; brand: string; action: OptAction; source: OptSource }>
      >(APPLY, [
        col('recipientToken'),
        col('brand'),
        col('action'),
        col('source'),
        col('keyword'),
        col('actor'),
        col('reason'),
        col('at'),
      ]);
      return rows.map((r) => ({
        recipientToken: r.recipient_token,
        brand: r.brand,
        action: r.action,
        source: r.source,
      }));
    });
  }

  audit(q: SqlExecutor, token: string, limit = 200): Promise<OptAuditEntry[]> {
    return withDbErrors('read opt-out audit', async () => {
      const rows = await q.query<AuditRow[]>(
        'SELECT brand, action, source, actor, keyword, reason, at, recorded_at FROM optout_audit WHERE recipient_token = $1 ORDER BY id DESC LIMIT $2',
        [token, limit],
      );
      return rows.map((r) => ({
        brand: r.brand,
        action: r.action,
        source: r.source,
        actor: r.actor,
        keyword: r.keyword,
        reason: r.reason,
        at: iso(r.at),
        recordedAt: iso(r.recorded_at),
      }));
    });
  }
}
