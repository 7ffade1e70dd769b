import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ActiveConsent } from '../domain/policies/consent.policy';
import { withDbErrors, type SqlExecutor } from '@herald/persistence';
import { iso } from './db';

export interface ConsentGrant {
  recipientToken: string;
  brand: string;
  purpose: string;
  legalBasis: string;
  source: string;
  grantedAt: string;
  recordedBy: string;
}

export interface ConsentRecord extends ConsentGrant {
  id: string;
  recordedAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface ConsentRevocation {
  recipientToken: string;
  brand: string;
  purpose?: string;
  id?: string;
  revokedBy: string;
  reason?: string;
  at: string;
}

interface Row {
  id: string;
  recipient_token: string;
  brand: string;
  purpose: string;
  legal_basis: string;
  source: string;
  granted_at: Date;
  recorded_by: string;
  recorded_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

const COLUMNS =
  'id, recipient_token, brand, purpose, legal_basis, source, granted_at, recorded_by, recorded_at, revoked_at, revoked_by, revoke_reason';

@Injectable()
export class ConsentRepository {
  activeFor(q: SqlExecutor, tokens: string[]): Promise<ActiveConsent[]> {
    if (tokens.length === 0) return Promise.resolve([]);
    return withDbErrors('load consents', async () => {
      const rows = await q.query<Array<{ recipient_token: string; brand: string; purpose: string }>>(
        'SELECT DISTINCT recipient_token, brand, purpose FROM consents WHERE recipient_token = ANY($1::text[]) AND revoked_at IS NULL',
        [tokens],
      );
      return rows.map((r) => ({ recipientToken: r.recipient_token, brand: r.brand, purpose: r.purpose }));
    });
  }

  grant(q: SqlExecutor, g: ConsentGrant): Promise<ConsentRecord> {
    return withDbErrors('record consent', async () => {
      const rows = await q.query<Row[]>(
        `INSERT INTO consents (id, recipient_token, brand, purpose, legal_basis, source, granted_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [randomUUID(), g.recipientToken, g.brand, g.purpose, g.legalBasis, g.source, g.grantedAt, g.recordedBy],
      );
      return toRecord(rows[0]);
    });
  }

  /** Revokes the matching active consents (by id, or by recipient + brand [+ purpose]); returns them. */
  revoke(q: SqlExecutor, r: ConsentRevocation): Promise<ConsentRecord[]> {
    return withDbErrors('revoke consent', async () => {
      const rows = await q.query<[Row[], number]>(
        `UPDATE consents SET revoked_at = $1, revoked_by = $2, revoke_reason = $3
         WHERE recipient_token = $4 AND brand = $5 AND revoked_at IS NULL
           AND ($6::text IS NULL OR purpose = $6) AND ($7::uuid IS NULL OR id = $7)
         RETURNING ${COLUMNS}`,
        [r.at, r.revokedBy, r.reason ?? null, r.recipientToken, r.brand, r.purpose ?? null, r.id ?? null],
      );
      return rows[0].map(toRecord);
    });
  }

  list(q: SqlExecutor, token: string, brand?: string): Promise<ConsentRecord[]> {
    return withDbErrors('list consents', async () => {
      const rows = await q.query<Row[]>(
        `SELECT ${COLUMNS} FROM consents WHERE recipient_token = $1 AND ($2::text IS NULL OR brand = $2) ORDER BY recorded_at DESC LIMIT 500`,
        [token, brand ?? null],
      );
      return rows.map(toRecord);
    });
  }

  byId(q: SqlExecutor, id: string): Promise<ConsentRecord | undefined> {
    return withDbErrors('read consent', async () => {
      const rows = await q.query<Row[]>(`SELECT ${COLUMNS} FROM consents WHERE id = $1`, [id]);
      return rows[0] && toRecord(rows[0]);
    });
  }
}

function toRecord(r: Row): ConsentRecord {
  return {
    id: r.id,
    recipientToken: r.recipient_token,
    brand: r.brand,
    purpose: r.purpose,
    legalBasis: r.legal_basis,
    source: r.source,
    grantedAt: iso(r.granted_at),
    recordedBy: r.recorded_by,
    recordedAt: iso(r.recorded_at),
    revokedAt: r.revoked_at && iso(r.revoked_at),
    revokedBy: r.revoked_by,
    revokeReason: r.revoke_reason,
  };
}
