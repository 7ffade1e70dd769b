import { randomUUID } from 'node:crypto';
import {
  CE_SPECVERSION,
  childTraceparent,
  encodeHeaders,
  type EnvelopeAttributes,
  type PayloadOf,
  type TopicName,
} from '@herald/contracts';

/** Header carrying the time the business event entered Herald, for per-stage latency. */
export const ORIGIN_TIME_HEADER = 'x-herald-origin-time';

export interface PublishOptions {
  key: string | null;
  /** The consumed record this output derives from: its trace continues and its origin time is kept. */
  parent?: { attributes: EnvelopeAttributes; headers?: Record<string, string | undefined> };
  id?: string;
  subject?: string;
  headers?: Record<string, string>;
}

export interface OutboundRecord {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

export function buildRecord<T extends TopicName>(
  topic: T,
  payload: PayloadOf<T>,
  opts: PublishOptions,
  service: string,
  now: Date = new Date(),
  /** The publish span's W3C traceparent when tracing is on; else a new span id in the parent's trace. */
  traceparent?: string,
): OutboundRecord {
  const time = now.toISOString();
  const attributes: EnvelopeAttributes = {
    id: opts.id ?? randomUUID(),
    type: topic,
    source: `herald/${service}`,
    time,
    specversion: CE_SPECVERSION,
    subject: opts.subject,
    traceparent: traceparent ?? childTraceparent(opts.parent?.attributes.traceparent),
  };
  const origin = opts.parent?.headers?.[ORIGIN_TIME_HEADER] ?? opts.parent?.attributes.time ?? time;
  return {
    topic,
    key: opts.key,
    value: JSON.stringify(payload),
    headers: { ...encodeHeaders(attributes), [ORIGIN_TIME_HEADER]: origin, ...opts.headers },
  };
}
