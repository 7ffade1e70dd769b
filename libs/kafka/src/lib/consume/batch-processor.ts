import { HeraldError, parseTraceparent, toHeraldError } from '@herald/contracts';
import type { HeraldLogger } from '@herald/observability';
import type { KafkaMetrics } from '../kafka-metrics';
import type { RetryOptions } from '../kafka-options';
import type { Publisher } from '../publish/publisher';
import { buildDlqRecord, type DlqRecord } from '../publish/dlq-record';
import type { OutboundRecord } from '../publish/outbound-record';
import { backoffDelay } from './backoff';
import { BatchContext, type TopicHandlerFn } from './batch-context';
import type { BlockedTracker } from './blocked-tracker';
import type { ConsumedMessage, RawRecord } from './consumed-message';
import { decodeRecord, traceIdOf } from './decode-record';
import { classifyFailure, isGroupRebalance, type Dependency } from './failure-class';
import { observeStageLatency } from './stage-latency';

export interface ProcessorDeps {
  service: string;
  publisher: Publisher;
  metrics: KafkaMetrics;
  logger: HeraldLogger;
  retry: RetryOptions;
  maxRecordBytes: number;
  sleep: (ms: number) => Promise<void>;
  blocked: BlockedTracker;
}

/** What the consume loop lends a batch: a heartbeat, and whether the batch must be given up. */
export interface BatchControl {
  heartbeat: () => Promise<void>;
  /** True once the partition was revoked or sought, or the consumer is stopping. */
  isAbandoned: () => boolean;
}

/** Thrown when a waiting batch is given up (revoked or shutting down): nothing is committed, it is consumed again. */
export class BatchAbandoned extends Error {
  override readonly name = 'BatchAbandoned';
}

type Msg = ConsumedMessage<unknown>;
type Outcome = { ok: true; ctx: BatchContext } | { ok: false; error: HeraldError; attempts: number };
type Where = { topic: string; partitions: number[] };

/**
 * One batch of a topic (one or more partitions, each in order): decode and validate each record
 * once, run the handler, isolate a poison record when the whole batch fails, then send outputs and
 * DLQ copies in one produce. An unavailable dependency is waited for (never dead-lettered); the
 * caller resolves and commits offsets only after this resolves.
 */
export class BatchProcessor {
  constructor(private readonly deps: ProcessorDeps) {}

  async process(raws: RawRecord[], handler: TopicHandlerFn<unknown>, control: BatchControl): Promise<void> {
    const { metrics } = this.deps;
    const topic = raws[0].topic;
    const dlq: DlqRecord[] = [];
    const valid: Msg[] = [];
    const rawOf = new Map<Msg, RawRecord>();
    for (const raw of raws) {
      const decoded = decodeRecord<unknown>(raw, this.deps.maxRecordBytes);
      if (decoded instanceof HeraldError) dlq.push(this.toDlq(raw, decoded, 0));
      else {
        valid.push(decoded);
        rawOf.set(decoded, raw);
      }
    }
    metrics.consumed.inc({ topic }, raws.length);
    metrics.batchSize.observe({ topic }, raws.length);
    observeStageLatency(metrics, topic, valid);

    const outputs: OutboundRecord[] = [];
    if (valid.length > 0) {
      const timer = metrics.handlerSeconds.startTimer({ topic });
      for (const [group, outcome] of await this.runIsolating(valid, handler, control)) {
        if (outcome.ok) {
          outputs.push(...outcome.ctx.outputs);
          for (const [m, e] of outcome.ctx.failures) dlq.push(this.toDlq(rawOf.get(m)!, e, 1));
        } else {
          for (const m of group) dlq.push(this.toDlq(rawOf.get(m)!, outcome.error, outcome.attempts));
        }
      }
      timer();
    }
    await this.flush([...outputs, ...dlq], control, whereOf(raws));
  }

  /** The whole batch first; on a non-retriable failure, each record alone to find the poison one. */
  private async runIsolating(valid: Msg[], handler: TopicHandlerFn<unknown>, control: BatchControl): Promise<Array<[Msg[], Outcome]>> {
    const whole = await this.runWithRetry(valid, handler, control, this.deps.retry.maxAttempts);
    if (whole.ok || valid.length === 1 || whole.error.retriable) return [[valid, whole]];
    const results: Array<[Msg[], Outcome]> = [];
    for (const m of valid) results.push([[m], await this.runWithRetry([m], handler, control, 3)]);
    return results;
  }

  private async runWithRetry(batch: Msg[], handler: TopicHandlerFn<unknown>, control: BatchControl, maxAttempts: number): Promise<Outcome> {
    const { publisher, retry, metrics, logger } = this.deps;
    const token = {};
    let bounded = 0;
    try {
      for (let attempt = 1; ; attempt++) {
        const ctx = new BatchContext((t, p, o, now) => publisher.build(t, p, o, now), control.heartbeat);
        try {
          await handler(batch, ctx);
          return { ok: true, ctx };
        } catch (e) {
          const error = toHeraldError(e);
          const failure = classifyFailure(e, 'postgresql');
          if (failure.kind === 'poison') return { ok: false, error, attempts: attempt };
          metrics.retries.inc({ topic: batch[0].topic, code: error.code });
          if (failure.kind === 'infrastructure') {
            await this.waitForDependency(token, failure.dependency, error, attempt, control, whereOf(batch));
            continue;
          }
          if (++bounded >= maxAttempts) {
            return { ok: false, error: new HeraldError('RETRIES_EXHAUSTED', `${error.code}: ${error.message}`, { cause: error }), attempts: attempt };
          }
          const traceId = batch.length === 1 ? parseTraceparent(batch[0].attributes.traceparent)?.traceId : undefined;
          logger.warn({ errorCode: error.code, attempt, topic: batch[0].topic, size: batch.length, traceId, err: error }, 'handler failed, retrying');
          await this.pause(backoffDelay(bounded, retry), control);
        }
      }
    } finally {
      this.deps.blocked.resolved(token);
    }
  }

  /** The broker is the only dependency of a produce: it is retried until it is acked, or the batch is given up. */
  private async flush(records: Array<OutboundRecord | DlqRecord>, control: BatchControl, where: Where): Promise<void> {
    const token = {};
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.deps.publisher.sendBatch(records);
          return;
        } catch (e) {
          const failure = classifyFailure(e, 'kafka');
          await this.waitForDependency(token, failure.kind === 'infrastructure' ? failure.dependency : 'kafka', toHeraldError(e), attempt, control, where);
        }
      }
    } finally {
      this.deps.blocked.resolved(token);
    }
  }

  private async waitForDependency(token: object, dependency: Dependency, error: HeraldError, attempt: number, control: BatchControl, where: Where): Promise<void> {
    const { blockedMs, log } = this.deps.blocked.failed(token, dependency);
    if (log) {
      this.deps.logger.warn(
        { dependency, ...where, blockedSeconds: Math.round(blockedMs / 1000), errorCode: error.code, reason: error.message, attempt },
        'consumer blocked: dependency unavailable, retrying until it is back',
      );
    }
    const { retry } = this.deps;
    await this.pause(backoffDelay(attempt, { ...retry, maxDelayMs: retry.blockedMaxDelayMs }), control);
  }

  /** Sleeps in steps of at most 1 s, heartbeating, and gives the batch up when it goes stale. */
  private async pause(ms: number, control: BatchControl): Promise<void> {
    for (let left = ms; left > 0; left -= 1000) {
      if (control.isAbandoned()) throw new BatchAbandoned('batch given up: partition revoked or consumer stopping');
      await this.deps.sleep(Math.min(1000, left));
      this.deps.blocked.refresh();
      await control.heartbeat().catch((e: unknown) => {
        // A rebalance must reach kafkajs so it rejoins; holding on would stall the whole group.
        if (isGroupRebalance(e)) throw e;
      });
    }
    if (control.isAbandoned()) throw new BatchAbandoned('batch given up: partition revoked or consumer stopping');
  }

  private toDlq(raw: RawRecord, error: HeraldError, attempts: number): DlqRecord {
    this.deps.metrics.dlq.inc({ topic: raw.topic, code: error.code });
    this.deps.logger.warn({ errorCode: error.code, topic: raw.topic, partition: raw.partition, offset: raw.offset, traceId: traceIdOf(raw), reason: error.message }, 'record sent to DLQ');
    return buildDlqRecord(raw, error, this.deps.service, attempts);
  }
}

function whereOf(records: ReadonlyArray<{ topic: string; partition: number }>): Where {
  return { topic: records[0].topic, partitions: [...new Set(records.map((r) => r.partition))] };
}
