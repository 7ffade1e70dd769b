// The alternative's five stages as a typical NestJS team would write them: per-message logic, one
// awaited database statement and one awaited produce per message. Payloads are Herald's contracts,
// validated with the same compiled validators Herald's consumers use (validateTopicPayload). Stage 4
// requests a delivery receipt and publishes each one on bench.alt.dlr; stage 5 joins the `submitted`
// status and the receipt in one row and emits the final record when both are there, as Herald's
// throughput counts final receipts.
import type { Pool } from 'pg';
import {
  Topics,
  type CarrierReceiptV1,
  type OrderPlacedV1,
  type SmsApprovedV1,
  type SmsRenderedV1,
  type SmsRequestedV1,
  type SmsStatusV1,
  type TopicName,
  messageIdFor,
  recipientTokenFor,
} from '@herald/contracts';
import { encodeGsm7Unpacked, normalizeMessageId, type SmppSession } from '@herald/smpp';

export const altTopic = (hop: number) => `bench.alt.h${hop}`;
/** Delivery receipts of the alternative, stage 4 -> stage 5 (carrier.receipts.v1 records). */
export const ALT_DLR_TOPIC = 'bench.alt.dlr';
export const ALT_SCHEMA = 'bench_alt';
const TOKEN_KEY = 'bench-alternative-recipient-token-key-0123';

export interface StageDeps {
  pool: Pool;
  smpp?: SmppSession;
}

export interface StageOutput {
  key: string;
  value: object;
  /** The source event id when it differs from the consumed record's ce_id header (stage 5 on a receipt). */
  eventId?: string;
}

export interface Stage {
  /** The contract its input is validated against (the compiled JSON Schema of that topic). */
  input: TopicName;
  /** The record to produce on the next topic, or undefined when there is nothing (yet) to send. */
  handle(data: never, eventId: string, deps: StageDeps): Promise<StageOutput | undefined>;
}

const now = () => new Date().toISOString();
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');

export const STAGES: Record<number, Stage> = {
  1: {
    input: Topics.OrderPlaced,
    async handle(data: OrderPlacedV1, eventId, { pool }) {
      const inserted = await pool.query(
        `INSERT INTO ${ALT_SCHEMA}.dedupe (event_id) VALUES ($1) ON CONFLICT DO NOTHING`,
        [eventId],
      );
      if (inserted.rowCount === 0) return undefined;
      const token = recipientTokenFor(TOKEN_KEY, data.customer.phone);
      const t = now();
      const value: SmsRequestedV1 = {
        messageId: messageIdFor(eventId, 'order.placed', token),
        sourceEvent: { id: eventId, type: 'order.placed', source: 'bench/shop', time: t },
        templateKey: 'order.placed',
        category: 'transactional',
        recipient: { token, phoneEnc: `b1.${b64(data.customer.phone)}`, country: 'FR' },
        locale: data.customer.locale ?? 'fr-FR',
        variables: {
          firstName: data.customer.firstName ?? '',
          orderId: data.orderId,
          total: `${data.total.amount} ${data.total.currency}`,
        },
        brand: 'maison-durand',
        ttlSeconds: 86400,
        expiresAt: new Date(Date.now() + 86400_000).toISOString(),
        requestedAt: t,
      } as SmsRequestedV1;
      return { key: token, value };
    },
  },
  2: {
    input: Topics.SmsRequestedV1,
    async handle(data: SmsRequestedV1) {
      const v = (data as SmsRequestedV1 & { variables: Record<string, string> }).variables;
      const body = `Bonjour ${v.firstName}, votre commande ${v.orderId} de ${v.total} est confirmee. Merci !`;
      const value = {
        ...data,
        templateVersion: 1,
        bodyEnc: `b1.${b64(body)}`,
        encoding: 'GSM7',
        segments: 1,
        characters: body.length,
        senderProfile: 'default',
        renderedAt: now(),
      };
      return { key: data.recipient.token, value };
    },
  },
  3: {
    input: Topics.SmsRenderedV1,
    async handle(data: SmsRenderedV1) {
      return { key: data.recipient.token, value: { ...data, senderId: 'Herald', approvedAt: now() } };
    },
  },
  4: {
    input: Topics.SmsApprovedV1,
    async handle(data: SmsApprovedV1, _eventId, { pool, smpp }) {
      const inserted = await pool.query(
        `INSERT INTO ${ALT_SCHEMA}.send_ledger (message_id, state) VALUES ($1, 'submitting') ON CONFLICT DO NOTHING`,
        [data.messageId],
      );
      if (inserted.rowCount === 0) return undefined;
      const body = unb64(data.bodyEnc.slice(3));
      const r = await smpp!.submit({
        destination: unb64(data.recipient.phoneEnc.slice(3)),
        source: data.senderId,
        shortMessage: encodeGsm7Unpacked(body),
        dataCoding: 0,
        registeredDelivery: 1,
        userMessageReference: data.messageId,
      });
      const value: SmsStatusV1 = {
        messageId: data.messageId,
        status: r.status === 0 ? 'submitted' : 'failed',
        service: 'bench-alt-dispatch',
        at: now(),
        carrierId: 'smsc-sim',
        carrierMessageId: r.messageId === undefined ? undefined : normalizeMessageId(r.messageId),
        attempt: 1,
        meta: {
          sourceEventId: data.sourceEvent.id,
          sourceEventType: data.sourceEvent.type,
          templateKey: data.templateKey,
          locale: data.locale,
          category: data.category,
          country: data.recipient.country,
          recipientToken: data.recipient.token,
          segments: 1,
          encoding: 'GSM7',
        },
      } as SmsStatusV1;
      return { key: data.messageId, value };
    },
  },
  5: {
    input: Topics.SmsStatusV1,
    async handle(data: SmsStatusV1, _eventId, { pool }) {
      if (data.status !== 'submitted' || !data.carrierMessageId) return undefined;
      return completeFinal(pool, data.carrierMessageId, {
        messageId: data.messageId,
        sourceEventId: data.meta.sourceEventId,
        status: data.status,
      });
    },
  },
};

/** Stage 5's second input: a delivery receipt from stage 4. */
export const RECEIPT_STAGE: Stage = {
  input: Topics.CarrierReceiptsV1,
  async handle(data: CarrierReceiptV1, _eventId, { pool }) {
    return completeFinal(pool, normalizeMessageId(data.carrierMessageId), { dlrStat: data.rawStat });
  },
};

/**
 * One upsert per input into the message's row, keyed by the carrier's id; the statement that
 * completes the pair (status and receipt, in either order) gets the final record to emit.
 */
async function completeFinal(
  pool: Pool,
  carrierMessageId: string,
  part: { messageId?: string; sourceEventId?: string; status?: string; dlrStat?: string },
): Promise<StageOutput | undefined> {
  const { rows } = await pool.query<{
    message_id: string | null;
    source_event_id: string | null;
    status: string | null;
    dlr_stat: string | null;
    inserted: boolean;
  }>(
    `INSERT INTO ${ALT_SCHEMA}.finals AS f (carrier_message_id, message_id, source_event_id, status, dlr_stat, updated_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (carrier_message_id) DO UPDATE SET message_id = COALESCE(EXCLUDED.message_id, f.message_id), source_event_id = COALESCE(EXCLUDED.source_event_id, f.source_event_id),
       status = COALESCE(EXCLUDED.status, f.status), dlr_stat = COALESCE(EXCLUDED.dlr_stat, f.dlr_stat), updated_at = now()
     RETURNING message_id, source_event_id, status, dlr_stat, (xmax = 0) AS inserted`,
    [carrierMessageId, part.messageId ?? null, part.sourceEventId ?? null, part.status ?? null, part.dlrStat ?? null],
  );
  const row = rows[0];
  if (!row || row.inserted || !row.message_id || !row.source_event_id || !row.dlr_stat) return undefined;
  const state = row.dlr_stat === 'DELIVRD' ? 'delivered' : 'undelivered';
  return {
    key: row.message_id,
    eventId: row.source_event_id,
    value: { messageId: row.message_id, sourceEventId: row.source_event_id, state, isFinal: true, at: now() },
  };
}

/** The carrier.receipts.v1 record stage 4 publishes for a deliver_sm receipt. */
export function altReceipt(
  carrierMessageId: string,
  rawStat: string,
  rawErr: string | undefined,
  dlrText: string,
): CarrierReceiptV1 {
  return {
    carrierId: 'smsc-sim',
    carrierMessageId,
    state: rawStat === 'DELIVRD' ? 'delivered' : 'undelivered',
    rawStat,
    ...(rawErr ? { rawErr } : {}),
    dlrText: dlrText.slice(0, 1024),
    receivedAt: now(),
  } as CarrierReceiptV1;
}

export const ALT_DDL = [
  `CREATE SCHEMA IF NOT EXISTS ${ALT_SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${ALT_SCHEMA}.dedupe (event_id text PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE IF NOT EXISTS ${ALT_SCHEMA}.send_ledger (message_id uuid PRIMARY KEY, state text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  `DROP TABLE IF EXISTS ${ALT_SCHEMA}.messages`,
  `CREATE TABLE IF NOT EXISTS ${ALT_SCHEMA}.finals (carrier_message_id text PRIMARY KEY, message_id uuid, source_event_id text, status text, dlr_stat text, updated_at timestamptz NOT NULL)`,
  // The bench's own tables: old rows only slow the next run.
  `TRUNCATE ${ALT_SCHEMA}.dedupe, ${ALT_SCHEMA}.send_ledger, ${ALT_SCHEMA}.finals`,
];
