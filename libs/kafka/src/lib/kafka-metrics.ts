import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@herald/observability';

/** Metrics of the consume/publish engine; every service exports the same set under its own prefix. */
@Injectable()
export class KafkaMetrics {
  readonly consumed;
  readonly produced;
  readonly handlerSeconds;
  readonly batchSize;
  readonly dlq;
  readonly retries;
  readonly lag;
  readonly lagSeconds;
  readonly stageLatency;
  readonly blockedSeconds;
  readonly producerResets;

  constructor(m: MetricsRegistry) {
    this.consumed = m.counter('kafka_records_consumed_total', 'Records consumed, by topic', ['topic']);
    this.produced = m.counter('kafka_records_produced_total', 'Records produced and acked, by topic', ['topic']);
    this.handlerSeconds = m.histogram(
      'kafka_handler_duration_seconds',
      'Handler time per batch',
      ['topic'],
      [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    );
    this.batchSize = m.histogram(
      'kafka_batch_size_records',
      'Records per handled batch',
      ['topic'],
      [1, 5, 10, 50, 100, 250, 500, 1000, 2500],
    );
    this.dlq = m.counter('kafka_dlq_records_total', 'Records sent to a DLQ, by topic and error code', [
      'topic',
      'code',
    ]);
    this.retries = m.counter('kafka_retries_total', 'Batch retries after a retriable error', ['topic', 'code']);
    this.lag = m.gauge('kafka_consumer_lag_records', 'Log-end offset minus committed offset', [
      'group',
      'topic',
      'partition',
    ]);
    this.lagSeconds = m.gauge('kafka_consumer_lag_seconds', 'Age of the oldest unconsumed record', [
      'group',
      'topic',
      'partition',
    ]);
    this.blockedSeconds = m.gauge<'dependency'>(
      'kafka_consumer_blocked_seconds',
      'Seconds the consumer has been waiting for an unavailable dependency (0 when not blocked)',
      ['dependency'],
    );
    this.producerResets = m.counter(
      'kafka_producer_resets_total',
      'Producers replaced after the broker refused their idempotence state (out-of-order sequence, unknown producer id)',
    );
    this.stageLatency = m.histogram(
      'stage_latency_seconds',
      'Time from the business event entering Herald to this stage consuming it',
      ['topic'],
      [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    );
  }
}
