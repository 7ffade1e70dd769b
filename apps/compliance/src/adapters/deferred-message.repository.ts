import { Injectable } from '@nestjs/common';
import type { SmsRenderedV1 } from '@herald/contracts';
import type { PublishOptions } from '@herald/kafka';
import { withDbErrors, type SqlExecutor } from '@herald/persistence';

export type ParentRecord = NonNullable<PublishOptions['parent']>;

export interface DeferredMessage {
  message: SmsRenderedV1;
  /** The consumed record's envelope, so the released message continues the same trace. */
  parent: ParentRecord;
  releaseAt: string;
}

interface Row {
  message_id: string;
  payload: SmsRenderedV1;
  parent: ParentRecord;
  release_at: Date;
}

@Injectable()
export class DeferredMessageRepository {
  /** Idempotent: a redelivered message that is already waiting keeps its row. */
  insert(q: SqlExecutor, rows: readonly DeferredMessage[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return withDbErrors('store deferred messages', async () => {
      await q.query(
        `INSERT INTO deferred_messages (message_id, recipient_token, payload, parent, release_at, expires_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[], $5::timestamptz[], $6::timestamptz[])
         ON CONFLICT (message_id) DO NOTHING`,
        [
          rows.map((r) => r.message.messageId),
          rows.map((r) => r.message.recipient.token),
          rows.map((r) => JSON.stringify(r.message)),
          rows.map((r) => JSON.stringify(r.parent)),
          rows.map((r) => r.releaseAt),
          rows.map((r) => r.message.expiresAt),
        ],
      );
    });
  }

  /** Locks up to `limit` due rows for the caller's transaction; other instances skip them. */
  claimDue(q: SqlExecutor, now: Date, limit: number): Promise<DeferredMessage[]> {
    return withDbErrors('claim deferred messages', async () => {
      const rows = await q.query<Row[]>(
        `SELECT message_id, payload, parent, release_at FROM deferred_messages
         WHERE release_at <= $1 ORDER BY release_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      return rows.map((r) => ({ message: r.payload, parent: r.parent, releaseAt: r.release_at.toISOString() }));
    });
  }

  delete(q: SqlExecutor, messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return Promise.resolve();
    return withDbErrors('delete released messages', async () => {
      await q.query('DELETE FROM deferred_messages WHERE message_id = ANY($1::uuid[])', [messageIds]);
    });
  }

  depth(q: SqlExecutor): Promise<number> {
    return withDbErrors('count deferred messages', async () => {
      const rows = await q.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM deferred_messages');
      return rows[0].n;
    });
  }
}
