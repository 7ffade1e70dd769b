// The alternative's five stages as a typical NestJS team would write them: per-message logic, one
// awaited database statement and one awaited produce per message. Payloads are Herald's contracts,
// validated with class-validator (validateAs) like Herald's HTTP DTOs.
import type { Pool } from 'pg';
import type { ClassConstructor } from 'class-transformer';
import {
  OrderPlacedV1,
  SmsApprovedV1,
  SmsRenderedV1,
  SmsRequestedV1,
  SmsStatusV1,
  messageIdFor,
  recipientTokenFor,
} from '@herald/contracts';
import { encodeGsm7Unpacked, type SmppSession } from '@herald/smpp';

export const altTopic = (hop: number) => `bench.alt.h${hop}`;
export const ALT_SCHEMA = 'bench_alt';
const TOKEN_KEY = 'bench-alternative-recipient-token-key-0123';

export interface StageDeps {
  pool: Pool;
  smpp?: SmppSession;
}

export interface Stage {
  input: ClassConstructor<object>;
  /** The record to produce on the next topic, or undefined to drop (a duplicate). */
  handle(data: never, eventId: string, deps: StageDeps): Promise<{ key: string; value: object } | undefined>;
}

const now = () => new Date().toISOString();
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');

export const STAGES: Record<number, Stage> = {
  1: {
    input: OrderPlacedV1,
    async handle(data: OrderPlacedV1, eventId, { pool }) {
      const inserted = await pool.query(`INSERT INTO ${ALT_SCHEMA}.dedupe (event_id) VALUES ($1) ON CONFLICT DO NOTHING`, [eventId]);
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
        variables: { firstName: data.customer.firstName ?? '', orderId: data.orderId, total: `${data.total.amount} ${data.total.currency}` },
        brand: 'maison-durand',
        ttlSeconds: 86400,
        expiresAt: new Date(Date.now() + 86400_000).toISOString(),
        requestedAt: t,
      } as SmsRequestedV1;
      return { key: token, value };
    },
  },
  2: {
    input: SmsRequestedV1,
    async handle(data: SmsRequestedV1) {
      const v = (data as SmsRequestedV1 & { variables: Record<string, string> }).variables;
      const body = `Bonjour ${v.firstName}, votre commande ${v.orderId} de ${v.total} est confirmee. Merci !`;
      const value = { ...data, templateVersion: 1, bodyEnc: `b1.${b64(body)}`, encoding: 'GSM7', segments: 1, characters: body.length, senderProfile: 'default', renderedAt: now() };
      return { key: data.recipient.token, value };
    },
  },
  3: {
    input: SmsRenderedV1,
    async handle(data: SmsRenderedV1) {
      return { key: data.recipient.token, value: { ...data, senderId: 'Herald', approvedAt: now() } };
    },
  },
  4: {
    input: SmsApprovedV1,
    async handle(data: SmsApprovedV1, _eventId, { pool, smpp }) {
      const inserted = await pool.query(`INSERT INTO ${ALT_SCHEMA}.send_ledger (message_id, state) VALUES ($1, 'submitting') ON CONFLICT DO NOTHING`, [data.messageId]);
      if (inserted.rowCount === 0) return undefined;
      const body = unb64(data.bodyEnc.slice(3));
      const r = await smpp!.submit({ destination: unb64(data.recipient.phoneEnc.slice(3)), source: data.senderId, shortMessage: encodeGsm7Unpacked(body), dataCoding: 0, registeredDelivery: 0, userMessageReference: data.messageId });
      const value: SmsStatusV1 = {
        messageId: data.messageId,
        status: r.status === 0 ? 'submitted' : 'failed',
        service: 'bench-alt-dispatch',
        at: now(),
        carrierId: 'smsc-sim',
        carrierMessageId: r.messageId,
        attempt: 1,
        meta: { sourceEventId: data.sourceEvent.id, sourceEventType: data.sourceEvent.type, templateKey: data.templateKey, locale: data.locale, category: data.category, country: data.recipient.country, recipientToken: data.recipient.token, segments: 1, encoding: 'GSM7' },
      } as SmsStatusV1;
      return { key: data.messageId, value };
    },
  },
  5: {
    input: SmsStatusV1,
    async handle(data: SmsStatusV1, _eventId, { pool }) {
      await pool.query(
        `INSERT INTO ${ALT_SCHEMA}.messages (message_id, source_event_id, state, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (message_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
        [data.messageId, data.meta.sourceEventId, data.status],
      );
      return { key: data.messageId, value: { messageId: data.messageId, sourceEventId: data.meta.sourceEventId, state: data.status, at: now() } };
    },
  },
};

export const ALT_DDL = [
  `CREATE SCHEMA IF NOT EXISTS ${ALT_SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${ALT_SCHEMA}.dedupe (event_id text PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE IF NOT EXISTS ${ALT_SCHEMA}.send_ledger (message_id uuid PRIMARY KEY, state text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE IF NOT EXISTS ${ALT_SCHEMA}.messages (message_id uuid PRIMARY KEY, source_event_id text NOT NULL, state text NOT NULL, updated_at timestamptz NOT NULL)`,
  // The bench's own tables: old rows only slow the next run.
  `TRUNCATE ${ALT_SCHEMA}.dedupe, ${ALT_SCHEMA}.send_ledger, ${ALT_SCHEMA}.messages`,
];
