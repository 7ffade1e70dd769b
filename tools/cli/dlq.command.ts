import { dlqTopicOf, isTopicName } from '@herald/contracts';
import { listDeadLetters, replayDlq, type createKafkaClient, type DeadLetter } from '@herald/kafka';
import type { PiiCipher } from '@herald/pii';
import { boolFlag, expectFlags, intFlag, stringFlag, UsageError, type ParsedArgs } from './cli-args';

type Kafka = ReturnType<typeof createKafkaClient>;

/** `sms.requested.v1` or `sms.requested.v1.dlq` -> the DLQ topic, for a topic of the registry only. */
export function dlqTopicArg(args: ParsedArgs): string {
  const given = args.positionals[2];
  const source = given?.endsWith('.dlq') ? given.slice(0, -4) : given;
  if (!source || !isTopicName(source))
    throw new UsageError(
      `dlq ${args.positionals[1]} needs a topic of the registry, e.g. sms.requested.v1 (its .dlq is read)`,
    );
  return dlqTopicOf(source);
}

/** `herald dlq list <topic> [--code C] [--limit N]`: the dead letters, decrypted and masked (with PII_ENCRYPTION_KEYS). */
export async function dlqList(kafka: Kafka, args: ParsedArgs, cipher?: PiiCipher): Promise<DeadLetter[]> {
  expectFlags(args, ['code', 'limit', 'json']);
  return listDeadLetters(
    kafka,
    { dlqTopic: dlqTopicArg(args), code: stringFlag(args, 'code'), limit: intFlag(args, 'limit', 1000) },
    cipher,
  );
}

export function formatDeadLetter(d: DeadLetter): string {
  const value = typeof d.value === 'string' ? d.value : JSON.stringify(d.value);
  return `${d.at}\t${d.code}\t${d.service}\t${d.failedAt}\tfrom ${d.original}\t${d.bytes} B\t${d.keyId ? `enc ${d.keyId}` : 'clear'}\t${d.message}\t${value}`;
}

/** Decrypts each selected record to its original bytes (a dry run too: it proves the keys open them). */
export async function dlqReplay(kafka: Kafka, args: ParsedArgs, cipher?: PiiCipher) {
  expectFlags(args, ['code', 'offsets', 'dry-run', 'limit']);
  const offsets = stringFlag(args, 'offsets')
    ?.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const bad = offsets?.filter((o) => !/^\d+:\d+$/.test(o)) ?? [];
  if (bad.length > 0)
    throw new UsageError(`--offsets must be partition:offset[,partition:offset...], got ${bad.join(', ')}`);
  const limit = args.flags.has('limit') ? intFlag(args, 'limit', 0) : undefined;
  return replayDlq(
    kafka,
    {
      dlqTopic: dlqTopicArg(args),
      errorCode: stringFlag(args, 'code'),
      offsets,
      limit,
      dryRun: boolFlag(args, 'dry-run'),
    },
    cipher,
  );
}
