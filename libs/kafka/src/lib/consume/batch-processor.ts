import { HeraldError, deadLetterStatusOf, parseTraceparent, toHeraldError } from '@herald/contracts';
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
import { endProcessSpans, startProcessSpans, withMessageTrace } from '../trace/message-trace';

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
type Dead = { raw: RawRecord; error: HeraldError; msg?: Msg };

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
    const dead: Dead[] = [];
    const valid: Msg[] = [];
    const rawOf = new Map<Msg, RawRecord>();
    const deadLetter = (raw: RawRecord, error: HeraldError, attempts: number, msg?: Msg) => {
      dlq.push(this.toDlq(raw, error, attempts));
      dead.push({ raw, error, msg });
    };
    for (const raw of raws) {
      const decoded = decodeRecord<unknown>(raw, this.deps.maxRecordBytes);
      if (decoded instanceof HeraldError) deadLetter(raw, decoded, 0);
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
      const spans = startProcessSpans(valid, this.deps.service);
      const failed = new Map<Msg, string>();
      for (const [group, outcome] of await this.runIsolating(valid, handler, control)) {
        if (outcome.ok) {
          outputs.push(...outcome.ctx.outputs);
          for (const [m, e] of outcome.ctx.failures) {
            deadLetter(rawOf.get(m)!, e, 1, m);
            failed.set(m, e.code);
          }
        } else {
          for (const m of group) {
            deadLetter(rawOf.get(m)!, outcome.error, outcome.attempts, m);
            failed.set(m, outcome.error.code);
          }
        }
      }
      endProcessSpans(spans, failed);
      timer();
    }
    await this.flush([...outputs, ...this.failedStatuses(dead, outputs), ...dlq], control, whereOf(raws));
  }

  /**
   * A dead-lettered message of a pipeline topic (flagged in the topic registry) still ends final: its
   * `failed` status goes out in the same produce as the DLQ copy, unless the handler already
   * published a status for that message in this batch.
   */
  private failedStatuses(dead: Dead[], outputs: OutboundRecord[]): OutboundRecord[] {
    if (dead.length === 0) return [];
    const published = new Set(outputs.map((o) => `${o.topic}|${o.key}`));
    const statuses: OutboundRecord[] = [];
    const now = new Date();
    for (const { raw, error, msg } of dead) {
      const status = deadLetterStatusOf(
        raw.topic,
        msg ? msg.payload : parsedValue(raw),
        error.code,
        error.message,
        this.deps.service,
        now,
      );
      if (!status || published.has(`${status.topic}|${status.key}`)) continue;
      published.add(`${status.topic}|${status.key}`);
      statuses.push(this.deps.publisher.build(status.topic, status.payload, { key: status.key, parent: msg }, now));
    }
    return statuses;
  }

  /** The whole batch first; on a non-retriable failure, each record alone to find the poison one. */
  private async runIsolating(
    valid: Msg[],
    handler: TopicHandlerFn<unknown>,
    control: BatchControl,
  ): Promise<Array<[Msg[], Outcome]>> {
    const whole = await this.runWithRetry(valid, handler, control, this.deps.retry.maxAttempts);
    if (whole.ok || valid.length === 1 || whole.error.retriable) return [[valid, whole]];
    const results: Array<[Msg[], Outcome]> = [];
    for (const m of valid) results.push([[m], await this.runWithRetry([m], handler, control, 3)]);
    return results;
  }

  private async runWithRetry(
    batch: Msg[],
    handler: TopicHandlerFn<unknown>,
    control: BatchControl,
    maxAttempts: number,
  ): Promise<Outcome> {
    const { publisher, retry, metrics, logger } = this.deps;
    const token = {};
    let bounded = 0;
    try {
      for (let attempt = 1; ; attempt++) {
        const ctx = new BatchContext((t, p, o, now) => publisher.build(t, p, o, now), control.heartbeat);
        try {
          // A batch of one runs in its record's trace, so its statements and Herald spans are children
          // of its process span; work on a larger batch serves many traces and joins none.
          await (batch.length === 1 ? withMessageTrace(batch[0], () => handler(batch, ctx)) : handler(batch, ctx));
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
            return {
              ok: false,
              error: new HeraldError('RETRIES_EXHAUSTED', `${error.code}: ${error.message}`, { cause: error }),
              attempts: attempt,
            };
          }
          const traceId = batch.length === 1 ? parseTraceparent(batch[0].attributes.traceparent)?.traceId : undefined;
          logger.warn(
            { errorCode: error.code, attempt, topic: batch[0].topic, size: batch.length, traceId, err: error },
            'handler failed, retrying',
          );
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
          await this.waitForDependency(
            token,
            failure.kind === 'infrastructure' ? failure.dependency : 'kafka',
            toHeraldError(e),
            attempt,
            control,
            where,
          );
        }
      }
    } finally {
      this.deps.blocked.resolved(token);
    }
  }

  private async waitForDependency(
    token: object,
    dependency: Dependency,
    error: HeraldError,
    attempt: number,
    control: BatchControl,
    where: Where,
  ): Promise<void> {
    const { blockedMs, log } = this.deps.blocked.failed(token, dependency);
    if (log) {
      this.deps.logger.warn(
        {
          dependency,
          ...where,
          blockedSeconds: Math.round(blockedMs / 1000),
          errorCode: error.code,
          reason: error.message,
          attempt,
        },
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
    this.deps.logger.warn(
      {
        errorCode: error.code,
        topic: raw.topic,
        partition: raw.partition,
        offset: raw.offset,
        traceId: traceIdOf(raw),
        reason: error.message,
      },
      'record sent to DLQ',
    );
    return buildDlqRecord(raw, error, this.deps.service, attempts);
  }
}

function whereOf(records: ReadonlyArray<{ topic: string; partition: number }>): Where {
  return { topic: records[0].topic, partitions: [...new Set(records.map((r) => r.partition))] };
}

/** The JSON of a record that failed its contract: enough, maybe, to name the message it was. */
function parsedValue(raw: RawRecord): unknown {
  try {
    return raw.value ? JSON.parse(raw.value.toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}
