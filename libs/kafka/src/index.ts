export { KafkaModule } from './lib/nest/kafka.module';
export { OnTopic } from './lib/nest/on-topic.decorator';
export { KAFKA_CLIENT } from './lib/nest/tokens';
export { Publisher } from './lib/publish/publisher';
export { RecordCollector, type OutputSink } from './lib/publish/output-sink';
export { ConsumerRunner } from './lib/consume/consumer-runner';
export { BatchContext, type TopicHandlerFn } from './lib/consume/batch-context';
export type { ConsumedMessage, RawRecord } from './lib/consume/consumed-message';
export { DlqHeader } from './lib/publish/dlq-record';
export { ORIGIN_TIME_HEADER, type PublishOptions, type OutboundRecord } from './lib/publish/outbound-record';
export { type KafkaOptions, type RetryOptions } from './lib/kafka-options';
export { createKafkaClient } from './lib/kafka-client.factory';
export { fetchGroupLag, type PartitionLag } from './lib/admin/group-lag';
export { replayDlq, type ReplayFilter, type ReplayResult } from './lib/admin/dlq-replay';
export { listDeadLetters, replayReport, type DeadLetter, type DeadLetterQuery } from './lib/admin/dead-letters';
export { readToEnd, follow, headersOf, type ReadRecord } from './lib/admin/topic-reader';
export { sealDeadLetter, openDeadLetter, deadLetterKeyId } from './lib/publish/dlq-seal';
// The client types callers hold (createKafkaClient returns a Kafka), so nothing outside this lib imports kafkajs.
export type { Kafka, Admin, KafkaMessage } from 'kafkajs';
export {
  contextOfMessage,
  recordMessageSpan,
  traceMessage,
  withMessageTrace,
  type TracedParent,
} from './lib/trace/message-trace';
