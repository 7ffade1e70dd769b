// The platform scripts (project tools/platform) are plain CommonJS: they run before any build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafka = require('@herald/platform/kafka.js') as {
  runKafkaTool(
    main: string,
    args: string[],
    o?: { timeoutMs?: number },
  ): Promise<{ code: number; stdout: string; stderr: string }>;
};

export interface GroupDescription {
  startedAt: number;
  endedAt: number;
  /** LAG per `topic:partition`, as Kafka's own tool prints it; partitions it shows as "-" are left out. */
  lag: Map<string, number>;
}

/** `kafka-consumer-groups.sh --describe --group <group>`: Kafka's ConsumerGroupCommand, from the broker's jars. */
export async function describeGroup(
  group: string,
  brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
): Promise<GroupDescription> {
  const startedAt = Date.now();
  const out = await kafka.runKafkaTool('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
    '--bootstrap-server',
    brokers,
    '--describe',
    '--group',
    group,
  ]);
  const endedAt = Date.now();
  if (out.code !== 0) throw new Error(`ConsumerGroupCommand exited with ${out.code}: ${out.stderr}`);
  const lag = new Map<string, number>();
  for (const line of out.stdout.split('\n')) {
    // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID
    const cols = line.trim().split(/\s+/);
    if (cols[0] === group && /^\d+$/.test(cols[2] ?? '') && /^\d+$/.test(cols[5] ?? ''))
      lag.set(`${cols[1]}:${cols[2]}`, Number(cols[5]));
  }
  return { startedAt, endedAt, lag };
}
