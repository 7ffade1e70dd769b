import { dlqTopicOf, type HeraldError } from '@herald/contracts';
import type { RawRecord } from '../consume/consumed-message';

export const DlqHeader = {
  code: 'x-error-code',
  message: 'x-error-message',
  topic: 'x-original-topic',
  partition: 'x-original-partition',
  offset: 'x-original-offset',
  failedAt: 'x-failed-at',
  service: 'x-service',
  attempts: 'x-attempts',
  /** `aes-256-gcm:<PII key id>`: the value is encrypted (see dlq-seal.ts). */
  enc: 'x-herald-dlq-enc',
} as const;

export interface DlqRecord {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string>;
}

/**
 * The original bytes and headers, plus why and where it failed. Same key, so replay keeps ordering.
 * The Publisher encrypts the value when it sends it (sealDeadLetter): no DLQ holds it in clear.
 */
export function buildDlqRecord(
  raw: RawRecord,
  error: HeraldError,
  service: string,
  attempts: number,
  now = new Date(),
): DlqRecord {
  const original: Record<string, Buffer | string> = {};
  for (const [k, v] of Object.entries(raw.headers))
    if (v !== undefined && !k.startsWith('x-error-') && k !== DlqHeader.enc) original[k] = v;
  return {
    topic: dlqTopicOf(raw.topic),
    key: raw.key,
    value: raw.value,
    headers: {
      ...original,
      [DlqHeader.code]: error.code,
      [DlqHeader.message]: error.message.slice(0, 1000),
      [DlqHeader.topic]: raw.topic,
      [DlqHeader.partition]: String(raw.partition),
      [DlqHeader.offset]: raw.offset,
      [DlqHeader.failedAt]: now.toISOString(),
      [DlqHeader.service]: service,
      [DlqHeader.attempts]: String(attempts),
    },
  };
}
