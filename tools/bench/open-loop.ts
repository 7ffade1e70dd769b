// Open-loop arrivals: records are sent when the clock says they are due (rate per second), not
// when the previous send was acknowledged, so a slow consumer cannot slow the arrivals down.
import type { Kafka } from '@herald/kafka';
import { sleep } from './bench-stats';
import type { BenchRecord } from './bench-kafka';
import { progress } from './progress';

export interface OpenLoopRun {
  /** Scheduled send time (ms since epoch) of each record, by its ce_id header. */
  scheduled: Map<string, number>;
  /** How late each record was sent against its schedule (ms). */
  slip: number[];
}

export async function openLoop(
  kafka: Kafka,
  topic: string,
  rate: number,
  seconds: number,
  record: (i: number) => BenchRecord,
  label: string,
): Promise<OpenLoopRun> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const scheduled = new Map<string, number>();
  const slip: number[] = [];
  const total = rate * seconds;
  const sends: Array<Promise<unknown>> = [];
  const t0 = Date.now() + 20;
  let sent = 0;
  while (sent < total) {
    const now = Date.now();
    const due = Math.min(total, Math.floor(((now - t0) * rate) / 1000) + 1);
    if (due > sent) {
      const messages = [];
      for (; sent < due; sent++) {
        const r = record(sent);
        const at = t0 + (sent * 1000) / rate;
        scheduled.set(r.headers.ce_id, at);
        slip.push(now - at);
        messages.push(r);
      }
      sends.push(producer.send({ topic, acks: -1, messages }));
      progress(label, sent, total);
    }
    await sleep(1);
  }
  await Promise.all(sends);
  await producer.disconnect();
  return { scheduled, slip };
}
