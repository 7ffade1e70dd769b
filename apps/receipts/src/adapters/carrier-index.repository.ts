import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { carrierKey } from './advisory-locks';

export interface CarrierIndexRow {
  carrierId: string;
  carrierMessageId: string;
  messageId: string;
}

/** carrier id + carrier message id -> message id, written when a submit is recorded. */
@Injectable()
export class CarrierIndexRepository {
  /** Keyed by `carrierKey()`; one lookup for the batch. */
  async find(em: EntityManager, pairs: ReadonlyArray<Omit<CarrierIndexRow, 'messageId'>>): Promise<Map<string, string>> {
    if (pairs.length === 0) return new Map();
    const rows: CarrierIndexRow[] = await em.query(
      `SELECT i.carrier_id AS "carrierId", i.carrier_message_id AS "carrierMessageId", i.message_id AS "messageId"
         FROM carrier_index i JOIN unnest($1::text[], $2::text[]) AS p(c, m) ON i.carrier_id = p.c AND i.carrier_message_id = p.m`,
      [pairs.map((p) => p.carrierId), pairs.map((p) => p.carrierMessageId)],
    );
    return new Map(rows.map((r) => [carrierKey(r.carrierId, r.carrierMessageId), r.messageId]));
  }

  /** The latest submit wins: some SMSCs recycle their message ids. */
  async upsert(em: EntityManager, rows: readonly CarrierIndexRow[]): Promise<void> {
    const unique = [...new Map(rows.map((r) => [carrierKey(r.carrierId, r.carrierMessageId), r])).values()];
    if (unique.length === 0) return;
    await em.query(
      `INSERT INTO carrier_index (carrier_id, carrier_message_id, message_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[])
       ON CONFLICT (carrier_id, carrier_message_id) DO UPDATE SET message_id = EXCLUDED.message_id, created_at = now()`,
      [unique.map((r) => r.carrierId), unique.map((r) => r.carrierMessageId), unique.map((r) => r.messageId)],
    );
  }
}
