// Latency under a fixed arrival rate. Events are scheduled by the clock (open loop, not by acks);
// each message's path is rebuilt afterwards from Kafka record timestamps and the simulator's own
// receivedAt of the submit_sm. Event -> submit_sm percentiles are over every event sent: one that
// never reached the simulator is a miss and ranks last. The machine's CPU is sampled while the
// events are sent (the steady state at that rate), not during the drain and the analysis.
import type { Kafka, KafkaMessage } from '@herald/kafka';
import { Topics } from '@herald/contracts';
import { endOffsets, readRange, type Offsets } from './bench-kafka';
import { percentiles, percentilesWithMisses, sleep, type LatencyPercentiles, type Percentiles } from './bench-stats';
import { simUrl } from './herald-pipeline';
import { benchRun, submitsSince } from './herald-throughput.bench';
import { openLoop } from './open-loop';
import { ProcessSampler, type ProcessStats } from './samplers';

const TRACKED = [Topics.SmsRequestedV1, Topics.SmsRenderedV1, Topics.SmsApprovedV1, Topics.SmsStatusV1] as const;

export interface HeraldLatency {
  label: string;
  rate: number;
  seconds: number;
  sent: number;
  submitted: number;
  /** Records of this run seen on each tracked topic, and submit_sm at the simulator. */
  seen: Record<string, number>;
  /** How late the bench itself sent events against their schedule (ms). */
  scheduleSlip: Percentiles;
  stages: Array<{ stage: string; ms: Percentiles }>;
  /** Event -> submit_sm over every event sent, misses included. */
  endToEnd: LatencyPercentiles;
  /** CPU of every process while the events were sent. */
  processes: Record<string, ProcessStats>;
}

const simGet = async <T>(p: string): Promise<T> => (await (await fetch(simUrl() + p)).json()) as T;

/** UUID from dispatch's user_message_reference (the 16 bytes in base64url, apps/dispatch message-reference). */
function messageIdOf(reference: string): string {
  const h = Buffer.from(reference, 'base64url').toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export async function runHeraldLatency(
  kafka: Kafka,
  o: { label: string; rate: number; seconds: number; pids: Record<string, number>; stallMs?: number },
): Promise<HeraldLatency> {
  const { rate, seconds, stallMs = 15000 } = o;
  const run = benchRun();
  const admin = kafka.admin();
  await admin.connect();
  const from: Record<string, Offsets> = {};
  for (const t of TRACKED) from[t] = await endOffsets(admin, t);
  const baseline = (await simGet<{ submits: { total: number } }>('/stats')).submits.total;
  const simSince = Date.now();
  const sampler = new ProcessSampler(o.pids);
  sampler.start();
  const { scheduled, slip } = await openLoop(
    kafka,
    Topics.OrderPlaced,
    rate,
    seconds,
    run.record,
    `herald, ${rate} msg/s open loop`,
  );
  const processes = sampler.stop();

  // Drain: until the simulator has seen a submit per event, or nothing moves for stallMs.
  let seen = 0;
  let movedAt = Date.now();
  while (seen < scheduled.size && Date.now() - movedAt < stallMs) {
    await sleep(500);
    const now = (await simGet<{ submits: { total: number } }>('/stats')).submits.total - baseline;
    if (now > seen) movedAt = Date.now();
    seen = now;
  }
  const submitAt = new Map<string, number>();
  for (const s of await submitsSince(simSince))
    if (s.userMessageReference && !submitAt.has(messageIdOf(s.userMessageReference)))
      submitAt.set(messageIdOf(s.userMessageReference), s.receivedAt);

  // Each topic's records of this run, by message id: [record timestamp, source event id].
  const at: Record<string, Map<string, [number, string]>> = {};
  for (const topic of TRACKED) {
    const map = (at[topic] = new Map());
    const until = await endOffsets(admin, topic);
    await readRange(kafka, topic, from[topic], until, (m: KafkaMessage) => {
      const text = m.value?.toString();
      if (!text || !text.includes(run.runId)) return;
      const v = JSON.parse(text) as {
        messageId: string;
        status?: string;
        sourceEvent?: { id: string };
        meta?: { sourceEventId?: string };
      };
      if (topic === Topics.SmsStatusV1 && v.status !== 'submitted') return;
      const eventId = v.sourceEvent?.id ?? v.meta?.sourceEventId ?? '';
      if (eventId.startsWith(`${run.runId}-`) && !map.has(v.messageId))
        map.set(v.messageId, [Number(m.timestamp), eventId]);
    });
  }
  await admin.disconnect();

  const d: Record<string, number[]> = {
    ingest: [],
    templating: [],
    compliance: [],
    dispatch: [],
    'submit_sm -> status': [],
    'end to end': [],
  };
  for (const [messageId, [requested, eventId]] of at[Topics.SmsRequestedV1]) {
    const t0 = scheduled.get(eventId);
    const rendered = at[Topics.SmsRenderedV1].get(messageId)?.[0];
    const approved = at[Topics.SmsApprovedV1].get(messageId)?.[0];
    const status = at[Topics.SmsStatusV1].get(messageId)?.[0];
    const submit = submitAt.get(messageId);
    if (t0 === undefined || submit === undefined) continue;
    d['end to end'].push(submit - t0);
    if (rendered === undefined || approved === undefined) continue;
    d.ingest.push(requested - t0);
    d.templating.push(rendered - requested);
    d.compliance.push(approved - rendered);
    d.dispatch.push(submit - approved);
    if (status !== undefined) d['submit_sm -> status'].push(status - submit);
  }
  return {
    label: o.label,
    rate,
    seconds,
    sent: scheduled.size,
    seen: { ...Object.fromEntries(TRACKED.map((t) => [t, at[t].size])), submit_sm: submitAt.size },
    submitted: d['end to end'].length,
    scheduleSlip: percentiles(slip),
    stages: Object.entries(d).map(([stage, values]) => ({ stage, ms: percentiles(values) })),
    endToEnd: percentilesWithMisses(d['end to end'], scheduled.size),
    processes,
  };
}
