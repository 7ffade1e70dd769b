import { dlqTopicOf, isTopicName } from '@herald/contracts';
import { DlqHeader, deadLetterKeyId, openDeadLetter, replayDlq, type createKafkaClient } from '@herald/kafka';
import { maskLogValue } from '@herald/observability';
import type { PiiCipher } from '@herald/pii';
import { boolFlag, expectFlags, intFlag, stringFlag, UsageError, type ParsedArgs } from './cli-args';
import { readToEnd } from './topic-reader';

type Kafka = ReturnType<typeof createKafkaClient>;

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

/** `sms.requested.v1` or `sms.requested.v1.dlq` -> the DLQ topic, for a topic of the registry only. */
export function dlqTopicArg(args: ParsedArgs): string {
  const given = args.positionals[2];
  const source = given?.endsWith('.dlq') ? given.slice(0, -4) : given;
  if (!source || !isTopicName(source)) throw new UsageError(`dlq ${args.positionals[1]} needs a topic of the registry, e.g. sms.requested.v1 (its .dlq is read)`);
  return dlqTopicOf(source);
}

/** Decrypted in memory only, then masked as a log line is: phone numbers and OTP-shaped secrets never printed. */
function maskedValue(value: Buffer | null, headers: Record<string, string>, cipher: PiiCipher | undefined): { bytes: number; value: unknown } {
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

/** Lists dead letters: headers, and the value decrypted and masked (with PII_ENCRYPTION_KEYS). */
export async function listDeadLetters(kafka: Kafka, args: ParsedArgs, cipher?: PiiCipher): Promise<DeadLetter[]> {
  expectFlags(args, ['code', 'limit', 'json']);
  const topic = dlqTopicArg(args);
  const code = stringFlag(args, 'code');
  const limit = intFlag(args, 'limit', 1000);
  const found: DeadLetter[] = [];
  await readToEnd(kafka, topic, (r) => {
    const h = r.headers;
    if (code && h[DlqHeader.code] !== code) return;
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
    return found.length < limit;
  });
  return found;
}

export function formatDeadLetter(d: DeadLetter): string {
  const value = typeof d.value === 'string' ? d.value : JSON.stringify(d.value);
  return `${d.at}\t${d.code}\t${d.service}\t${d.failedAt}\tfrom ${d.original}\t${d.bytes} B\t${d.keyId ? `enc ${d.keyId}` : 'clear'}\t${d.message}\t${value}`;
}

/** Decrypts each selected record to its original bytes (a dry run too: it proves the keys open them). */
export async function replayDeadLetters(kafka: Kafka, args: ParsedArgs, cipher?: PiiCipher) {
  expectFlags(args, ['code', 'offsets', 'dry-run', 'limit']);
  const offsets = stringFlag(args, 'offsets')?.split(',').map((o) => o.trim()).filter(Boolean);
  const bad = offsets?.filter((o) => !/^\d+:\d+$/.test(o)) ?? [];
  if (bad.length > 0) throw new UsageError(`--offsets must be partition:offset[,partition:offset...], got ${bad.join(', ')}`);
  const limit = args.flags.has('limit') ? intFlag(args, 'limit', 0) : undefined;
  return replayDlq(kafka, { dlqTopic: dlqTopicArg(args), errorCode: stringFlag(args, 'code'), offsets, limit, dryRun: boolFlag(args, 'dry-run') }, cipher);
}
