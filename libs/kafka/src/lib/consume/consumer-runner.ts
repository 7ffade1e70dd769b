import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { HealthRegistry, HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import {
  DEFAULT_COMMIT_INTERVAL_MS,
  DEFAULT_MAX_RECORD_BYTES,
  DEFAULT_RETRY,
  KAFKA_OPTIONS,
  type KafkaOptions,
} from '../kafka-options';
import { KafkaMetrics } from '../kafka-metrics';
import { HandlerExplorer } from '../nest/handler-explorer';
import { KAFKA_CLIENT } from '../nest/tokens';
import { Publisher } from '../publish/publisher';
import { LagMonitor } from '../admin/lag-monitor';
import type { TopicHandlerFn } from './batch-context';
import { BatchAbandoned, BatchProcessor } from './batch-processor';
import { BlockedTracker } from './blocked-tracker';
import { ConsumerRestarter } from './consumer-restarter';
import type { RawRecord } from './consumed-message';
import { OffsetCommitter } from './offset-committer';
import { TopicCoalescer } from './topic-coalescer';

/** Most bytes one fetch returns, across all its partitions. */
const FETCH_MAX_BYTES = 512 * 1024;
/** What a lingering fetch waits for at most: enough records that one transaction serves many. */
const LINGER_MIN_BYTES = 64 * 1024;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One consumer per service, group id = service name, subscribed to every topic that has a handler.
 * The partition batches of one fetch are joined into one handler call per topic (records of each
 * partition in order). Offsets are resolved only after that call's outputs were acked, and
 * committed every KAFKA_COMMIT_INTERVAL_MS, on rebalance and on shutdown (autoCommit is off: kafkajs
 * would commit after every batch).
 */
@Injectable()
export class ConsumerRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer?: Consumer;
  private joined = false;
  private handlers = new Map<string, TopicHandlerFn<unknown>>();
  private readonly processor: BatchProcessor;
  private readonly blocked: BlockedTracker;
  private readonly coalescer: TopicCoalescer;
  private readonly committer: OffsetCommitter;
  private readonly restarter: ConsumerRestarter;
  private readonly inFlight = new Set<Promise<void>>();
  private commitTimer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly publisher: Publisher,
    private readonly metrics: KafkaMetrics,
    private readonly explorer: HandlerExplorer,
    private readonly health: HealthRegistry,
    private readonly lag: LagMonitor,
  ) {
    this.blocked = new BlockedTracker(metrics.blockedSeconds, Date.now);
    this.processor = new BatchProcessor({
      service: options.service,
      publisher,
      metrics,
      logger,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
      sleep,
      blocked: this.blocked,
    });
    this.coalescer = new TopicCoalescer((topic, raws, control) =>
      this.processor.process(raws, this.handlers.get(topic)!, control),
    );
    this.committer = new OffsetCommitter((offsets) => this.consumer!.commitOffsets(offsets));
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    this.restarter = new ConsumerRestarter({
      stop: async () => {
        clearInterval(this.commitTimer);
        await this.consumer?.disconnect();
      },
      start: () => this.start(),
      sleep,
      retry,
      onAttemptFailed: (attempt, err) => this.logger.warn({ err, attempt }, 'consumer restart failed, retrying'),
    });
  }

  get groupId(): string {
    return this.options.service;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.publisher.connect();
    this.health.register({ name: 'kafka-producer', check: async () => (await this.publisher.connect(), true) });
    this.handlers = this.explorer.explore();
    if (this.options.consume === false || this.handlers.size === 0) return;
    await this.start();
    this.health.register({ name: 'kafka-consumer-group', check: async () => this.joined });
    this.health.register({ name: 'kafka-consumer-not-blocked', check: async () => this.notBlocked() });
    this.lag.start(this.groupId, [...this.handlers.keys()]);
  }

  private async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: 3000,
      // Large partition batches amortize the produce + commit round trips (measured: 256 KB gave 15%
      // fewer records/s than 1 MB). The cap per fetch keeps a service within its memory budget and
      // a dispatch batch within what its carriers take before DISPATCH_MAX_BATCH_MS parks the rest.
      // A fetch's buffers outlive a few young-generation collections while its batch is handled, so
      // they are freed only by a full one; with 1 MB fetches event-ingest carried 28-48 MB of such
      // Buffers and peaked at 149-153 MB RSS, with 512 KB 19 MB and 136 MB (batches of ~500 events
      // still amortize the per-batch costs).
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? FETCH_MAX_BYTES,
      maxBytes: FETCH_MAX_BYTES,
      // minBytes 1: the broker answers a fetch as soon as one record is there, so a long poll adds
      // no latency at low rates; under load each fetch returns what accumulated meanwhile. The long
      // poll only sets how often an idle consumer asks (measured in the report of this change).
      // A lingering consumer (off the latency path) waits for a batch instead: see KafkaOptions.
      ...(this.options.lingerMs
        ? { minBytes: LINGER_MIN_BYTES, maxWaitTimeInMs: this.options.lingerMs }
        : { minBytes: 1, maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 500 }),
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.joined = true;
      const assignment = e.payload.memberAssignment;
      this.committer.retain((topic, partition) => assignment[topic]?.includes(partition) ?? false);
    });
    // Before the partitions are handed over: commit what this member processed, so the next owner
    // does not read it again.
    consumer.on(consumer.events.REBALANCING, () => void this.commit('rebalance'));
    consumer.on(consumer.events.STOP, () => (this.joined = false));
    consumer.on(consumer.events.CRASH, (e) => {
      this.joined = false;
      this.logger.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
      if (consumer === this.consumer) void this.restarter.onCrash(e.payload.restart);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.handlers.keys()], fromBeginning: true });
    await consumer.run({
      // Enough workers to take every partition of a fetch at once: they are joined per topic.
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 32,
      eachBatchAutoResolve: false,
      autoCommit: false,
      eachBatch: (payload) => this.track(this.eachBatch(payload)),
    });
    const interval = this.options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
    this.commitTimer = setInterval(() => void this.commit('interval'), interval);
    this.commitTimer.unref();
    this.logger.info({ groupId: this.groupId, topics: [...this.handlers.keys()] }, 'consumer started');
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isStale, pause }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0 || isStale()) return;
    if (this.stopping) {
      // Not processed, not resolved: read again by whoever owns the partition next.
      pause();
      return;
    }
    const raws: RawRecord[] = batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key,
      value: m.value,
      headers: (m.headers ?? {}) as RawRecord['headers'],
      timestamp: m.timestamp,
    }));
    try {
      await this.coalescer.join(batch.topic, {
        raws,
        control: { heartbeat, isAbandoned: () => this.stopping || isStale() },
      });
    } catch (e) {
      if (e instanceof BatchAbandoned) return;
      throw e;
    }
    if (isStale()) return;
    resolveOffset(batch.lastOffset());
    this.committer.processed(batch.topic, batch.partition, batch.lastOffset());
  }

  private track(p: Promise<void>): Promise<void> {
    this.inFlight.add(p);
    return p.finally(() => this.inFlight.delete(p));
  }

  private async commit(why: 'interval' | 'rebalance' | 'shutdown'): Promise<void> {
    if (!this.consumer || this.committer.size === 0) return;
    try {
      await this.committer.flush();
    } catch (e) {
      // Kept for the next attempt; an uncommitted offset only means those records are read again.
      this.logger[why === 'interval' ? 'debug' : 'warn']({ err: e, why }, 'offset commit failed');
    }
  }

  /** Readiness is false while a batch waits for PostgreSQL or the broker: the service cannot make progress. */
  private notBlocked(): boolean {
    const blocked = this.blocked.current();
    if (blocked) throw new Error(`blocked for ${Math.round(blocked.seconds)} s waiting for ${blocked.dependency}`);
    return true;
  }

  /**
   * Nest calls this before the producer closes: in-flight batches finish (a blocked one is given up
   * uncommitted), their offsets are committed, then the consumer leaves the group.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.restarter.stop();
    this.lag.stop();
    clearInterval(this.commitTimer);
    await Promise.allSettled([...this.inFlight]);
    await this.commit('shutdown');
    await this.consumer?.disconnect();
  }
}
