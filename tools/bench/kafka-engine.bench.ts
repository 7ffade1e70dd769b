// `npm run bench -- kafka`: one hop (order.placed -> sms.status.v1, parse + validate + produce) through
// raw kafkajs, Herald's engine and @nestjs/microservices, on the same records, in one run.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@herald/contracts';
import { endOffsets } from './bench-kafka';
import { benchOrderRecord } from './bench-records';
import { heraldEngine, nestMicroservices, rawKafkajs, type Contender } from './kafka-contenders';
import { progress } from './progress';

export interface HopResult {
  name: string;
  records: number;
  seconds: number;
  perSecond: number;
}

async function produceInputs(kafka: Kafka, count: number, runId: string): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < count; i += 1000) {
    const messages = Array.from({ length: Math.min(1000, count - i) }, (_, j) => benchOrderRecord(i + j, runId));
    await producer.send({ topic: Topics.OrderPlaced, acks: -1, messages });
    progress('producing 1 KB inputs', Math.min(i + 1000, count), count);
  }
  await producer.disconnect();
}

/** A new group that starts exactly at `offsets`: each contender reads the same records. */
async function pinGroup(
  kafka: Kafka,
  groupId: string,
  offsets: Array<{ partition: number; offset: string }>,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({ groupId, topic: Topics.OrderPlaced, partitions: offsets });
  await admin.disconnect();
}

async function measure(
  name: string,
  contender: Contender,
  kafka: Kafka,
  start: Array<{ partition: number; offset: string }>,
  records: number,
): Promise<HopResult> {
  const groupId = `bench-${name}-${randomUUID().slice(0, 8)}`;
  await pinGroup(kafka, groupId, start);
  let done = 0;
  let began = 0;
  let finished!: () => void;
  const all = new Promise<void>((r) => (finished = r));
  const stop = await contender.start(groupId, (n) => {
    if (began === 0) began = Date.now();
    done += n;
    progress(name, Math.min(done, records), records);
    if (done >= records) finished();
  });
  const t0 = Date.now();
  await Promise.race([all, new Promise((r) => setTimeout(r, 300000))]);
  const seconds = (Date.now() - (began || t0)) / 1000;
  await stop();
  return { name, records: Math.min(done, records), seconds, perSecond: Math.round(Math.min(done, records) / seconds) };
}

export async function runKafkaBench(
  brokers: string[],
  env: Record<string, string>,
  records = 60000,
  nestRecords = 6000,
): Promise<HopResult[]> {
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  // Retried: a broker that just started answers NOT_LEADER_FOR_PARTITION for a while (issue 22).
  const start = await endOffsets(admin, Topics.OrderPlaced);
  await admin.disconnect();
  await produceInputs(kafka, records, randomUUID().slice(0, 8));
  const contenders: Array<[string, Contender, number]> = [
    ['raw-kafkajs', rawKafkajs(brokers), records],
    ['herald-engine', heraldEngine(env), records],
    ['nest-microservices', nestMicroservices(brokers), nestRecords],
  ];
  // BENCH_ONLY=herald-engine runs one contender, e.g. under --cpu-prof.
  const only = env.BENCH_ONLY;
  const results: HopResult[] = [];
  for (const [name, contender, n] of contenders)
    if (!only || only === name) results.push(await measure(name, contender, kafka, start, n));
  return results;
}
