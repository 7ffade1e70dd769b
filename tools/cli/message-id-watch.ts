import { randomUUID } from 'node:crypto';
import { CeHeader, dlqTopicOf, Topics, type SmsRequestedV1 } from '@herald/contracts';
import { DlqHeader, headersOf, type createKafkaClient } from '@herald/kafka';

type Kafka = ReturnType<typeof createKafkaClient>;
type Offsets = Map<string, Map<number, number>>;

/** The event `herald publish` sends, as ingest names it in what it produces. */
export interface PublishedEvent {
  topic: string;
  id: string;
  source: string;
}

export type IngestOutcome =
  | { kind: 'accepted'; messageIds: string[] }
  | { kind: 'dead-lettered'; code: string; message: string }
  | { kind: 'timed-out' };

/** Whether a record ingest produced belongs to `event`: a request for one of its messages, or its dead letter. */
export function matchIngestRecord(
  event: PublishedEvent,
  topic: string,
  value: Buffer | null,
  headers: Record<string, string>,
): IngestOutcome | undefined {
  if (topic === dlqTopicOf(event.topic)) {
    if (headers[CeHeader.id] !== event.id || headers[CeHeader.source] !== event.source) return undefined;
    return { kind: 'dead-lettered', code: headers[DlqHeader.code] ?? '?', message: headers[DlqHeader.message] ?? '' };
  }
  let request: Partial<SmsRequestedV1> | null;
  try {
    request = JSON.parse(value?.toString('utf8') ?? 'null') as Partial<SmsRequestedV1> | null;
  } catch {
    return undefined;
  }
  const from = request?.sourceEvent;
  if (!request?.messageId || from?.id !== event.id || from.source !== event.source || from.type !== event.topic)
    return undefined;
  return { kind: 'accepted', messageIds: [request.messageId] };
}

async function endOffsets(kafka: Kafka, topics: readonly string[]): Promise<Offsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out: Offsets = new Map();
    for (const topic of topics)
      out.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)])));
    return out;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Ingest derives message ids from the recipient token (an HMAC under the services' key) and its
 * rules, so the CLI does not compute them: it reads them back from what ingest produces for the
 * event, sms.requested.v1 (or the event's dead letter). `watchIngest` starts reading at the current
 * end of those topics before anything is published; `outcome` then resolves once ingest has
 * answered and every record produced up to that moment has been read (one event can be several
 * notifications on several partitions), or after `waitMs`.
 */
export async function watchIngest(
  kafka: Kafka,
  event: PublishedEvent,
): Promise<{ outcome: (waitMs: number) => Promise<IngestOutcome> }> {
  const topics = [Topics.SmsRequestedV1, dlqTopicOf(event.topic)];
  const start = await endOffsets(kafka, topics);
  const groupId = `herald-cli-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const [topic, parts] of start)
      await admin.setOffsets({
        groupId,
        topic,
        partitions: [...parts].map(([partition, offset]) => ({ partition, offset: String(offset) })),
      });
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  const read: Offsets = new Map([...start].map(([t, p]) => [t, new Map(p)]));
  const ids = new Set<string>();
  let answer: IngestOutcome | undefined;
  let until: Offsets | undefined;
  let settle!: () => void;
  const settled = new Promise<void>((r) => (settle = r));
  const caughtUp = () =>
    [...until!].every(([t, parts]) => [...parts].every(([p, end]) => (read.get(t)?.get(p) ?? 0) >= end));
  const running = consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        const found = matchIngestRecord(event, batch.topic, m.value, headersOf(m.headers));
        if (found?.kind === 'accepted') found.messageIds.forEach((id) => ids.add(id));
        else if (found && !answer) answer = found;
      }
      read.get(batch.topic)?.set(batch.partition, Number(batch.lastOffset()) + 1);
      if ((ids.size > 0 || answer) && !until) until = await endOffsets(kafka, topics);
      if (until && caughtUp()) settle();
    },
  });
  return {
    outcome: async (waitMs) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        // run() resolves once the consumer runs; only its failure ends the wait early.
        const failed = running.then(() => new Promise<void>(() => undefined));
        await Promise.race([settled, failed, new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
      } finally {
        clearTimeout(timer);
        await consumer.disconnect();
      }
      if (ids.size > 0) return { kind: 'accepted', messageIds: [...ids].sort() };
      return answer ?? { kind: 'timed-out' };
    },
  };
}
