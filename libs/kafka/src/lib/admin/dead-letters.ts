import type { Kafka } from 'kafkajs';
import { maskLogValue } from '@herald/observability';
import type { PiiCipher } from '@herald/pii';
import { DlqHeader } from '../publish/dlq-record';
import { deadLetterKeyId, openDeadLetter } from '../publish/dlq-seal';
import type { ReplayResult } from './dlq-replay';
import { readToEnd } from './topic-reader';

/** One dead letter as the `herald dlq list` command and the operator console show it. */
export interface DeadLetter {
  at: string;
  code: string;
  message: string;
  service: string;
  failedAt: string;
  original: string;
  key: string | null;
  /** Size of the original value (of the stored one when it cannot be opened). */
  bytes: number;
  /** The PII key id the value is encrypted under; null for one written before DLQs were encrypted. */
  keyId: string | null;
  /** The original value, phone numbers and secrets masked; or why it cannot be shown. */
  value: unknown;
}

export interface DeadLetterQuery {
  dlqTopic: string;
  /** Only records with this `x-error-code`. */
  code?: string;
  limit: number;
}

/** Decrypted in memory only, then masked as a log line is: phone numbers and OTP-shaped secrets never shown. */
function maskedValue(
  value: Buffer | null,
  headers: Record<string, string>,
  cipher: PiiCipher | undefined,
): { bytes: number; value: unknown } {
  let plain: Buffer | null;
  try {
    plain = openDeadLetter(value, headers, cipher);
  } catch (e) {
    return { bytes: value?.length ?? 0, value: `[not shown: ${(e as Error).message}]` };
  }
  if (plain === null) return { bytes: 0, value: null };
  const text = plain.toString('utf8');
  try {
    return { bytes: plain.length, value: maskLogValue(JSON.parse(text)) };
  } catch {
    return { bytes: plain.length, value: maskLogValue(text) };
  }
}

/** Lists dead letters from the DLQ's start: headers, and the value decrypted and masked (with a cipher). */
export async function listDeadLetters(kafka: Kafka, query: DeadLetterQuery, cipher?: PiiCipher): Promise<DeadLetter[]> {
  const found: DeadLetter[] = [];
  await readToEnd(kafka, query.dlqTopic, (r) => {
    const h = r.headers;
    if (query.code && h[DlqHeader.code] !== query.code) return;
    found.push({
      at: `${r.partition}:${r.offset}`,
      code: h[DlqHeader.code] ?? '?',
      message: h[DlqHeader.message] ?? '',
      service: h[DlqHeader.service] ?? '?',
      failedAt: h[DlqHeader.failedAt] ?? '?',
      original: `${h[DlqHeader.topic] ?? '?'}/${h[DlqHeader.partition] ?? '?'}/${h[DlqHeader.offset] ?? '?'}`,
      key: r.key,
      keyId: deadLetterKeyId(h) ?? null,
      ...maskedValue(r.value, h, cipher),
    });
    return found.length < query.limit;
  });
  return found;
}

/** A dry run says "would replay N" and never "replayed": nothing was sent. */
export function replayReport(
  counts: ReplayResult,
  dryRun: boolean,
): { json: Record<string, unknown>; summary: string } {
  const topics = Object.entries(counts.byTopic)
    .map(([topic, n]) => `${topic}: ${n}`)
    .join(', ');
  const tail = `of ${counts.scanned} scanned${topics ? ` (${topics})` : ''}`;
  if (dryRun) {
    return {
      json: { dryRun: true, scanned: counts.scanned, wouldReplay: counts.replayed, byTopic: counts.byTopic },
      summary: `would replay ${counts.replayed} ${tail}; dry run, nothing sent`,
    };
  }
  return {
    json: { scanned: counts.scanned, replayed: counts.replayed, byTopic: counts.byTopic },
    summary: `replayed ${counts.replayed} ${tail}`,
  };
}
