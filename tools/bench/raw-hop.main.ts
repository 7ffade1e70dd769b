// One hop of the ceiling as its own process: `node -r tools/runtime/register.js
// dist/tools/bench/raw-hop.main.js <kafkajs|platformatic> <in topic> <out topic> <groupId>` with
// KAFKA_BROKERS. It does what every Herald hop must do at the least and nothing more: decode each
// record (JSON value, string headers), re-encode it, produce it acks=all to the next topic. The
// group's offsets are committed by the bench before the hop starts.
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

interface Out {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** The per-record work of the ceiling: parse and re-serialize the value, decode the headers. */
export function reencode(
  key: Buffer | string | null | undefined,
  value: Buffer | string | null | undefined,
  headers: Iterable<[string, unknown]>,
): Out {
  const data: unknown = JSON.parse(String(value ?? 'null'));
  const out: Record<string, string> = {};
  for (const [k, v] of headers) if (v !== undefined && v !== null) out[k] = String(v);
  return { key: key === null || key === undefined ? null : String(key), value: JSON.stringify(data), headers: out };
}

async function kafkajsHop(brokers: string[], from: string, to: string, groupId: string): Promise<() => Promise<void>> {
  const kafka = new Kafka({ clientId: groupId, brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  // The consumer settings Herald's engine used when the bench was written (libs/kafka).
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 50,
    maxBytesPerPartition: 1024 * 1024,
    maxBytes: 4 * 1024 * 1024,
    allowAutoTopicCreation: false,
  });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic: from });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      const messages = batch.messages.map((m: KafkaMessage) =>
        reencode(m.key, m.value, Object.entries(m.headers ?? {})),
      );
      if (messages.length) await producer.send({ topic: to, acks: -1, messages });
    },
  });
  await joined;
  return async () => {
    await consumer.disconnect();
    await producer.disconnect();
  };
}

// @platformatic/kafka is a reference row only: typed loosely here, its own types need TS 5 module settings.
interface PlatformaticMessage {
  key: string;
  value: string;
  headers: Map<string, string>;
}
interface PlatformaticStream {
  on(event: 'data', fn: (m: PlatformaticMessage) => void): void;
  on(event: 'error', fn: (e: Error) => void): void;
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

async function platformaticHop(
  brokers: string[],
  from: string,
  to: string,
  groupId: string,
): Promise<() => Promise<void>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pk = require('@platformatic/kafka');
  const producer = new pk.Producer({
    clientId: `${groupId}-p`,
    bootstrapBrokers: brokers,
    serializers: pk.stringSerializers,
    acks: pk.ProduceAcks.ALL,
    autocreateTopics: false,
  });
  const consumer = new pk.Consumer({
    groupId,
    clientId: groupId,
    bootstrapBrokers: brokers,
    deserializers: pk.stringDeserializers,
    maxWaitTime: 50,
    maxBytes: 4 * 1024 * 1024,
  });
  const stream = (await consumer.consume({
    topics: [from],
    mode: 'committed',
    fallbackMode: 'latest',
  })) as PlatformaticStream;
  // Records arrive one by one: forward whatever accumulated while the previous send was in flight.
  let pending: Out[] = [];
  let sending = false;
  const flush = async () => {
    sending = true;
    try {
      while (pending.length) {
        const messages = pending.map((m) => ({
          topic: to,
          key: m.key ?? undefined,
          value: m.value,
          headers: m.headers,
        }));
        pending = [];
        stream.resume();
        await producer.send({ messages });
      }
    } catch (e) {
      console.error(`platformatic hop ${from} -> ${to}: ${(e as Error).message}`);
      process.exit(1);
    }
    sending = false;
  };
  stream.on('data', (m) => {
    pending.push(reencode(m.key, m.value, m.headers));
    if (pending.length >= 5000) stream.pause();
    if (!sending) void flush();
  });
  stream.on('error', (e) => console.error(`platformatic hop ${from}: ${e.message}`));
  return async () => {
    await stream.close();
    await consumer.close(true);
    await producer.close();
  };
}

async function main(): Promise<void> {
  const [client, from, to, groupId] = process.argv.slice(2);
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  if (client !== 'kafkajs' && client !== 'platformatic')
    throw new Error(`unknown client "${client}" (kafkajs, platformatic)`);
  const stop = await (client === 'kafkajs' ? kafkajsHop : platformaticHop)(brokers, from, to, groupId);
  process.stdout.write('ready\n');
  process.once(
    'SIGTERM',
    () =>
      void stop().then(
        () => process.exit(0),
        () => process.exit(1),
      ),
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
