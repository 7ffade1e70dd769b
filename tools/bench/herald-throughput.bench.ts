// Phase 2: N order.placed events published as fast as possible into the running Herald; the rate is
// that of FINAL receipts on sms.receipts.v1 (event -> ingest -> ... -> submit_sm -> DLR -> receipt).
import { randomInt, randomUUID } from 'node:crypto';
import type { Kafka } from '@herald/kafka';
import { Topics } from '@herald/contracts';
import { benchOrderRecord } from './bench-records';
import { endOffsets, produceAll, readFrom, type Offsets } from './bench-kafka';
import { throughput, type Throughput } from './bench-stats';
import { simUrl } from './herald-pipeline';
import { progress } from './progress';

/** A distinct run: unique ce_ids, and phone numbers no other run of the day is likely to use. */
export function benchRun(): { runId: string; record: (i: number) => ReturnType<typeof benchOrderRecord> } {
  const runId = randomUUID().slice(0, 8);
  const base = randomInt(0, 9_900_000);
  return { runId, record: (i) => benchOrderRecord(base + i, runId) };
}

/** Counts, per source event of the run, the first FINAL receipt and its record timestamp. */
export async function watchFinals(
  kafka: Kafka,
  from: Offsets,
  runId: string,
  onFinal: (count: number) => void,
): Promise<{ doneAt: Map<string, number>; stop: () => Promise<void> }> {
  const doneAt = new Map<string, number>();
  const stop = await readFrom(kafka, Topics.SmsReceiptsV1, from, (_p, messages) => {
    for (const m of messages) {
      const text = m.value?.toString();
      // Cheap filters first: receipts of every other run and non-final states are the bulk.
      if (!text || !text.includes(runId) || !text.includes('"isFinal":true')) continue;
      const r = JSON.parse(text) as { sourceEventId: string; isFinal: boolean };
      if (r.isFinal && r.sourceEventId.startsWith(`${runId}-`) && !doneAt.has(r.sourceEventId))
        doneAt.set(r.sourceEventId, Number(m.timestamp));
    }
    onFinal(doneAt.size);
  });
  return { doneAt, stop };
}

export interface HeraldThroughput extends Throughput {
  /** The same run measured at the carrier: submit_sm as the simulator received them. */
  toSubmit: Throughput;
  published: number;
  publishSeconds: number;
  /** Events that got no final receipt before the progress stalled. */
  missing: number;
}

/** receivedAt (epoch ms) of every submit_sm the simulator took since `since`: during a phase, only ours. */
export async function submitsSince(
  since: number,
): Promise<Array<{ userMessageReference?: string; receivedAt: number }>> {
  const res = await fetch(`${simUrl()}/submits?since=${since}&limit=100000`);
  const body = (await res.json()) as { submits: Array<{ userMessageReference?: string; receivedAt: string }> };
  return body.submits.map((s) => ({
    userMessageReference: s.userMessageReference,
    receivedAt: Date.parse(s.receivedAt),
  }));
}

export async function runHeraldThroughput(
  kafka: Kafka,
  records: number,
  stallMs = 45000,
  maxMs = 240000,
): Promise<HeraldThroughput> {
  const { runId, record } = benchRun();
  const admin = kafka.admin();
  await admin.connect();
  const from = await endOffsets(admin, Topics.SmsReceiptsV1);
  await admin.disconnect();
  let lastProgress = Date.now();
  let count = 0;
  const watcher = await watchFinals(kafka, from, runId, (n) => {
    if (n > count) lastProgress = Date.now();
    count = n;
    progress('herald, final receipts', Math.min(n, records), records);
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const start = Date.now();
  await produceAll(producer, Topics.OrderPlaced, records, record);
  const publishSeconds = (Date.now() - start) / 1000;
  await producer.disconnect();
  while (count < records && Date.now() - lastProgress < stallMs && Date.now() - start < maxMs)
    await new Promise((r) => setTimeout(r, 200));
  await watcher.stop();
  const t = throughput(start, [...watcher.doneAt.values()]);
  // First submit per message: a retried submit is not more throughput.
  const firstSubmit = new Map<string, number>();
  for (const s of await submitsSince(start))
    if (!firstSubmit.has(s.userMessageReference ?? '')) firstSubmit.set(s.userMessageReference ?? '', s.receivedAt);
  const toSubmit = throughput(start, [...firstSubmit.values()]);
  return { ...t, toSubmit, published: records, publishSeconds, missing: records - watcher.doneAt.size };
}
