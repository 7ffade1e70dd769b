import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  CE_SPECVERSION,
  DomainTopics,
  encodeHeaders,
  isDomainTopic,
  newTraceparent,
  validateTopicPayload,
  type DomainTopicName,
} from '@herald/contracts';
import type { createKafkaClient } from '@herald/kafka';
import { boolFlag, expectFlags, intFlag, stringFlag, UsageError, type ParsedArgs } from './cli-args';
import { watchIngest, type IngestOutcome } from './message-id-watch';

type Kafka = ReturnType<typeof createKafkaClient>;

export interface DomainEventRecord {
  topic: DomainTopicName;
  key: string;
  value: string;
  headers: Record<string, string>;
  id: string;
  source: string;
}

export const PUBLISH_FLAGS = [
  'fixture',
  'file',
  'phone',
  'id',
  'source',
  'key',
  'skip-validation',
  'wait',
  'ids-only',
] as const;

/** How long `publish` waits for ingest to name the message ids (`--wait 0`: not at all). */
export const DEFAULT_WAIT_SECONDS = 15;

const fixturesDir = (root: string, topic: string) => path.join(root, 'libs/contracts/fixtures', topic);

/** `--fixture valid/fr-minimal` (or `fr-minimal`), `--file f.json`, else the first valid fixture. */
export function loadSample(root: string, topic: DomainTopicName, args: ParsedArgs): Record<string, unknown> {
  const file = stringFlag(args, 'file');
  const fixture = stringFlag(args, 'fixture');
  if (file && fixture) throw new UsageError('give --fixture or --file, not both');
  let source: string;
  if (file) source = path.resolve(file);
  else {
    const validDir = path.join(fixturesDir(root, topic), 'valid');
    const available = fs.existsSync(validDir)
      ? fs
          .readdirSync(validDir)
          .filter((f) => f.endsWith('.json'))
          .sort()
      : [];
    const name = fixture
      ? fixture.replace(/^valid\//, '').replace(/\.json$/, '')
      : available[0]?.replace(/\.json$/, '');
    if (!name || !available.includes(`${name}.json`)) {
      throw new UsageError(
        `no fixture "${fixture ?? ''}" for ${topic}; available: ${available.map((f) => `valid/${f.replace(/\.json$/, '')}`).join(', ') || 'none'}`,
      );
    }
    source = path.join(validDir, `${name}.json`);
  }
  if (!fs.existsSync(source)) throw new UsageError(`file not found: ${source}`);
  try {
    return JSON.parse(fs.readFileSync(source, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`${source} is not valid JSON: ${(e as Error).message}`);
  }
}

/** The producer's business key, as a shop would key it: the first top-level `<thing>Id` (orderId, bookingId...). */
export function businessIdOf(data: Record<string, unknown>): string | undefined {
  const entry = Object.entries(data).find(([k, v]) => /^[a-z]+Id$/.test(k) && typeof v === 'string' && v !== '');
  return entry?.[1] as string | undefined;
}

/** Builds a binary-mode CloudEvent as a business system would publish it: ce_* headers, JSON data. */
export function buildDomainEvent(root: string, args: ParsedArgs, now = new Date()): DomainEventRecord {
  expectFlags(args, PUBLISH_FLAGS);
  const topic = args.positionals[1];
  if (!topic || !isDomainTopic(topic))
    throw new UsageError(`publish needs an event type, one of: ${DomainTopics.join(', ')}`);
  const data = loadSample(root, topic, args);
  const phone = stringFlag(args, 'phone');
  if (phone !== undefined) {
    const customer = data['customer'];
    if (!customer || typeof customer !== 'object')
      throw new UsageError(`--phone: the ${topic} sample has no customer object to put the number in`);
    (customer as Record<string, unknown>)['phone'] = phone;
  }
  if (!boolFlag(args, 'skip-validation')) {
    const result = validateTopicPayload(topic, data);
    if (!result.ok) {
      const reasons = result.errors.map((e) => `${e.field}: ${e.reason}`).join('; ');
      throw new UsageError(
        `the ${topic} payload breaks its contract (${reasons}); pass --skip-validation to send it anyway (it will be dead-lettered)`,
      );
    }
  }
  const id = stringFlag(args, 'id') ?? randomUUID();
  const subject = businessIdOf(data);
  const source = stringFlag(args, 'source') ?? 'herald-cli';
  const headers = encodeHeaders({
    id,
    type: topic,
    source,
    time: now.toISOString(),
    specversion: CE_SPECVERSION,
    subject,
    traceparent: newTraceparent(),
  });
  return { topic, key: stringFlag(args, 'key') ?? subject ?? id, value: JSON.stringify(data), headers, id, source };
}

export async function publishRecord(
  kafka: Kafka,
  record: DomainEventRecord,
): Promise<{ partition: number; offset: string }> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const [meta] = await producer.send({
      topic: record.topic,
      acks: -1,
      messages: [{ key: record.key, value: record.value, headers: record.headers }],
    });
    return { partition: meta.partition, offset: meta.baseOffset ?? '?' };
  } finally {
    await producer.disconnect();
  }
}

type Out = (line: string) => void;

/** What went wrong when ingest named no message, for stderr. */
export function explainOutcome(outcome: IngestOutcome, topic: string, waitS: number): string | undefined {
  if (outcome.kind === 'dead-lettered')
    return `ingest dead-lettered the event: ${outcome.code} ${outcome.message}`.trim();
  if (outcome.kind === 'timed-out') {
    return `ingest produced no message for the event within ${waitS} s: ingest may be down or behind, the (source, id) may be a duplicate, or the event type may send nothing (\`herald dlq list ${topic}\` lists the events it refused)`;
  }
  return undefined;
}

/**
 * Publishes, then (unless `--wait 0`) waits for the message ids ingest gives the event. Prints one
 * JSON line with `messageIds`, or with `--ids-only` the ids alone, one per line, for
 * `herald tail receipts --message "$(herald publish ... --ids-only)"`. Exit 1 if none came.
 */
export async function publishAndReport(
  kafka: Kafka,
  record: DomainEventRecord,
  args: ParsedArgs,
  out: Out,
  err: Out,
): Promise<number> {
  const waitS = intFlag(args, 'wait', DEFAULT_WAIT_SECONDS);
  const idsOnly = boolFlag(args, 'ids-only');
  if (idsOnly && waitS === 0) throw new UsageError('--ids-only needs the message ids: drop --wait 0');
  const watch =
    waitS > 0 ? await watchIngest(kafka, { topic: record.topic, id: record.id, source: record.source }) : undefined;
  const at = await publishRecord(kafka, record).catch(async (e: unknown) => {
    await watch?.outcome(0);
    throw e;
  });
  const printed: Record<string, unknown> = {
    topic: record.topic,
    id: record.id,
    source: record.source,
    key: record.key,
    partition: at.partition,
    offset: at.offset,
  };
  const outcome = watch ? await watch.outcome(waitS * 1000) : undefined;
  if (outcome?.kind === 'accepted') printed['messageIds'] = outcome.messageIds;
  if (outcome?.kind === 'dead-lettered') printed['deadLettered'] = { code: outcome.code, message: outcome.message };
  if (!idsOnly) out(JSON.stringify(printed));
  else if (outcome?.kind === 'accepted') outcome.messageIds.forEach((id) => out(id));
  const problem = outcome && explainOutcome(outcome, record.topic, waitS);
  if (problem) err(`herald: ${problem}`);
  return problem ? 1 : 0;
}
