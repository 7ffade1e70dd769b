import { dlqTopicOf, isTopicName } from '@herald/contracts';
import { DlqHeader, replayDlq, type createKafkaClient } from '@herald/kafka';
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
  bytes: number;
}

/** `sms.requested.v1` or `sms.requested.v1.dlq` -> the DLQ topic, for a topic of the registry only. */
export function dlqTopicArg(args: ParsedArgs): string {
  const given = args.positionals[2];
  const source = given?.endsWith('.dlq') ? given.slice(0, -4) : given;
  if (!source || !isTopicName(source)) throw new UsageError(`dlq ${args.positionals[1]} needs a topic of the registry, e.g. sms.requested.v1 (its .dlq is read)`);
  return dlqTopicOf(source);
}

/** Lists dead letters (headers only: the value may hold personal data, so only its size is shown). */
export async function listDeadLetters(kafka: Kafka, args: ParsedArgs): Promise<DeadLetter[]> {
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
      bytes: r.value?.length ?? 0,
    });
    return found.length < limit;
  });
  return found;
}

export function formatDeadLetter(d: DeadLetter): string {
  return `${d.at}\t${d.code}\t${d.service}\t${d.failedAt}\tfrom ${d.original}\t${d.bytes} B\t${d.message}`;
}

export async function replayDeadLetters(kafka: Kafka, args: ParsedArgs) {
  expectFlags(args, ['code', 'offsets', 'dry-run', 'limit']);
  const offsets = stringFlag(args, 'offsets')?.split(',').map((o) => o.trim()).filter(Boolean);
  const bad = offsets?.filter((o) => !/^\d+:\d+$/.test(o)) ?? [];
  if (bad.length > 0) throw new UsageError(`--offsets must be partition:offset[,partition:offset...], got ${bad.join(', ')}`);
  const limit = args.flags.has('limit') ? intFlag(args, 'limit', 0) : undefined;
  return replayDlq(kafka, { dlqTopic: dlqTopicArg(args), errorCode: stringFlag(args, 'code'), offsets, limit, dryRun: boolFlag(args, 'dry-run') });
}
