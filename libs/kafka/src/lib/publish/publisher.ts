import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { HeraldError, type PayloadOf, type TopicName } from '@herald/contracts';
import { PiiCipher } from '@herald/pii';
import { HERALD_LOGGER, tracingOn, type HeraldLogger } from '@herald/observability';
import { KAFKA_OPTIONS, type KafkaOptions } from '../kafka-options';
import { KAFKA_CLIENT } from '../nest/tokens';
import { KafkaMetrics } from '../kafka-metrics';
import { buildRecord, type OutboundRecord, type PublishOptions } from './outbound-record';
import type { DlqRecord } from './dlq-record';
import { isDlqTopic, sealDeadLetter } from './dlq-seal';
import { attachPublishSpan, endPublishSpans, startPublishSpan } from '../trace/publish-span';
import { outputNeedsSpan } from '../trace/message-trace';
import { needsNewProducer } from './producer-state';

/**
 * The one producer of a process. `publish` is for request/response paths (HTTP ingest) and waits
 * for the broker's ack; consumers hand whole batches to `sendBatch`, one request per batch.
 * acks=all always: an output the broker may lose is not an output.
 */
@Injectable()
export class Publisher implements OnApplicationShutdown {
  private producer: Producer;
  private connected?: Promise<void>;
  /** Encrypts every record bound for a `.dlq` topic, whoever built it. */
  private readonly dlqCipher?: PiiCipher;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly metrics: KafkaMetrics,
  ) {
    this.producer = this.newProducer();
    if (options.piiEncryptionKeys) this.dlqCipher = PiiCipher.fromSpec(options.piiEncryptionKeys);
    else if (options.consume !== false)
      throw new HeraldError(
        'CONFIG_INVALID',
        'a consuming service dead-letters records, which are encrypted under the PII key: PII_ENCRYPTION_KEYS is required',
      );
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((e: Error) => {
      this.connected = undefined;
      throw new HeraldError(
        'BROKER_UNAVAILABLE',
        `cannot reach Kafka at ${this.options.brokers.join(',')} (KAFKA_BROKERS): ${e.message}`,
        { cause: e },
      );
    });
    return this.connected;
  }

  async publish<T extends TopicName>(topic: T, payload: PayloadOf<T>, opts: PublishOptions): Promise<void> {
    await this.sendBatch([this.build(topic, payload, opts)]);
  }

  /**
   * `now` starts the record's publish span: for a consumer, when the handler began on the batch.
   * With tracing off no span exists and the record's `traceparent` is a child id Herald mints.
   */
  build<T extends TopicName>(topic: T, payload: PayloadOf<T>, opts: PublishOptions, now = new Date()): OutboundRecord {
    const span =
      tracingOn() && outputNeedsSpan(opts.parent)
        ? startPublishSpan(topic, opts, payload, this.options.service, now)
        : undefined;
    if (!span) return buildRecord(topic, payload, opts, this.options.service, now);
    return attachPublishSpan(span, (traceparent) =>
      buildRecord(topic, payload, opts, this.options.service, now, traceparent),
    );
  }

  async sendBatch(records: ReadonlyArray<OutboundRecord | DlqRecord>): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, Message[]>();
    for (const r of records) {
      const list = byTopic.get(r.topic) ?? byTopic.set(r.topic, []).get(r.topic)!;
      list.push(
        isDlqTopic(r.topic) ? sealDeadLetter(r, this.sealer()) : { key: r.key, value: r.value, headers: r.headers },
      );
    }
    try {
      await this.producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (e) {
      if (needsNewProducer(e)) await this.replaceProducer(e as Error);
      throw new HeraldError('BROKER_UNAVAILABLE', `produce failed: ${(e as Error).message}`, { cause: e });
    }
    for (const [topic, messages] of byTopic) this.metrics.produced.inc({ topic }, messages.length);
    if (tracingOn()) endPublishSpans(records);
  }

  private newProducer(): Producer {
    // On by default: a produce retried after a lost ack is not written twice. kafkajs requires
    // maxInFlightRequests 1 for it (ordering of retried batches) and acks=all, which sendBatch uses.
    const idempotent = this.options.idempotentProducer ?? true;
    // The default (murmur2, Java-compatible) partitioner, named so kafkajs does not warn about it:
    // a key lands on the same partition whichever client produced it.
    return this.kafka.producer({
      idempotent,
      maxInFlightRequests: idempotent ? 1 : undefined,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /**
   * kafkajs keeps an idempotent producer's sequence numbers after the broker refused one (seen
   * after a broker restart: every later produce failed OUT_OF_ORDER_SEQUENCE_NUMBER, hundreds of
   * times a second, until the process restarted). A new producer gets a new producer id and starts
   * its sequences again; the refused batch was not written, and the caller retries it.
   */
  private async replaceProducer(cause: Error): Promise<void> {
    const old = this.producer;
    this.producer = this.newProducer();
    this.connected = undefined;
    this.metrics.producerResets.inc();
    this.logger.warn(
      { err: cause.message },
      'producer state refused by the broker; starting a new producer (new producer id)',
    );
    await old.disconnect().catch(() => undefined);
  }

  private sealer(): PiiCipher {
    if (!this.dlqCipher)
      throw new HeraldError(
        'CONFIG_INVALID',
        'a dead letter is sent but PII_ENCRYPTION_KEYS is not set: it would rest in clear',
      );
    return this.dlqCipher;
  }

  /** After every module's onModuleDestroy: the consumer has drained and committed its last batch. */
  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch((e: Error) => this.logger.warn({ err: e }, 'producer disconnect failed'));
  }
}
