import type { CarrierPlugin, CarrierWebhook, WebhookReading } from '../carrier-plugin';
import { field, type CommonCarrierConfig } from '../common-config';
import { judgeHttpExchange } from '../http-exchange';
import { HttpProviderAdapter, type ProviderProtocol } from '../http-provider.adapter';
import { smppStatState } from '../smpp/smpp-status';
import { verifySignature } from './herald-signature';

export interface HttpCarrierConfig extends CommonCarrierConfig {
  type: 'http';
  /** The aggregator's send endpoint. */
  url: string;
  /** Name of the environment variable holding the bearer token. */
  passwordEnv?: string;
  /** The header the aggregator deduplicates on (e.g. `Idempotency-Key`); the message id is sent in it. */
  idempotencyKeyHeader?: string;
  /**
   * Name of the environment variable holding the status-callback secret(s), `secret[|previous]`:
   * two during a rotation. Without it the carrier's callbacks are refused.
   */
  webhookSecretEnv?: string;
  /** What the aggregator means by `ACCEPTD`. */
  acceptdAs: 'enroute' | 'delivered';
}

/**
 * Herald's own generic aggregator protocol, for a gateway built to it: `POST {url}` with
 * `{ to, from, body, reference }` and a bearer token, answered `{ id }`; status callbacks are JSON
 * `{ carrierMessageId, status, errorCode?, timestamp }` signed with X-Herald-Timestamp and
 * X-Herald-Signature (herald-signature.ts), the status an SMPP `stat:` word.
 */
export const httpCarrier: CarrierPlugin<HttpCarrierConfig> = {
  type: 'http',
  schema: {
    required: ['url'],
    properties: {
      url: field.url(),
      passwordEnv: field.secretName(),
      idempotencyKeyHeader: field.text(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/),
      webhookSecretEnv: field.secretName(),
      acceptdAs: field.oneOf(['enroute', 'delivered']),
    },
  },
  secretFields: ['passwordEnv', 'webhookSecretEnv'],
  withDefaults: (c) => ({ ...c, acceptdAs: c.acceptdAs ?? 'enroute' }),
  create: (config, ctx) => {
    const token = config.passwordEnv === undefined ? '' : ctx.secret(config.passwordEnv);
    const protocol: ProviderProtocol = {
      request: (sms) => ({
        url: config.url,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          to: sms.destination,
          from: sms.source,
          body: sms.parts.join(''),
          reference: sms.reference,
        }),
      }),
      read: (answer, sms) => judgeHttpExchange(answer, sms.parts.length),
      ...(config.idempotencyKeyHeader === undefined ? {} : { idempotencyKeyHeader: config.idempotencyKeyHeader }),
    };
    return new HttpProviderAdapter(config.id, config.windowSize, protocol, ctx.http);
  },
  webhook: (config, ctx): CarrierWebhook => {
    const secrets =
      config.webhookSecretEnv === undefined ? [] : ctx.secret(config.webhookSecretEnv).split('|').filter(Boolean);
    return {
      read: (req): WebhookReading => {
        const signed = {
          timestamp: req.headers['x-herald-timestamp'],
          signature: req.headers['x-herald-signature'],
          rawBody: req.rawBody,
        };
        const verdict = verifySignature(signed, secrets, ctx.now());
        if (!verdict.ok)
          return {
            ok: false,
            reason: verdict.reason === 'stale_timestamp' ? 'stale' : 'unauthenticated',
            detail: verdict.reason,
          };
        return readStatus(req.rawBody, config.acceptdAs);
      },
    };
  },
};

function readStatus(rawBody: Buffer, acceptdAs: 'enroute' | 'delivered'): WebhookReading {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed', detail: 'body is not JSON' };
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
  if (!text(b.carrierMessageId, 128)) return { ok: false, reason: 'malformed', detail: 'carrierMessageId is required' };
  if (!text(b.status, 32)) return { ok: false, reason: 'malformed', detail: 'status is required' };
  if (!text(b.timestamp, 32)) return { ok: false, reason: 'malformed', detail: 'timestamp is required' };
  if (b.errorCode !== undefined && !text(b.errorCode, 32))
    return { ok: false, reason: 'malformed', detail: 'errorCode must be a short string' };
  const state = smppStatState(b.status, acceptdAs);
  if (state === undefined)
    return { ok: false, reason: 'malformed', detail: `status "${b.status}" is not a known status` };
  return {
    ok: true,
    reports: [
      {
        carrierMessageId: b.carrierMessageId,
        state,
        rawStatus: b.status,
        ...(b.errorCode === undefined ? {} : { rawError: b.errorCode as string }),
        doneDate: b.timestamp,
      },
    ],
  };
}
