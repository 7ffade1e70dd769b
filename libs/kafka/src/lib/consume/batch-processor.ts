import { HeraldError, parseTraceparent, toHeraldError } from '@herald/contracts';
import type { HeraldLogger } from '@herald/observability';
import type { KafkaMetrics } from '../kafka-metrics';
import type { RetryOptions } from '../kafka-options';
import type { Publisher } from '../publish/publisher';
import { buildDlqRecord, type DlqRecord } from '../publish/dlq-record';
import type { OutboundRecord } from '../publish/outbound-record';
import { backoffDelay } from './backoff';
import { BatchContext, type TopicHandlerFn } from './batch-context';
import type { ConsumedMessage, RawRecord } from './consumed-message';
import { decodeRecord, traceIdOf } from './decode-record';
import { observeStageLatency } from './stage-latency';

export interface ProcessorDeps {
  service: string;
  publisher: Publisher;
  metrics: KafkaMetrics;
  logger: HeraldLogger;
  retry: RetryOptions;
  maxRecordBytes: number;
  sleep: (ms: number) => Promise<void>;
}

type Msg = ConsumedMessage<unknown>;
type Outcome = { ok: true; ctx: BatchContext } | { ok: false; error: HeraldError; attempts: number };

/**
 * One partition's batch, in order: decode and validate each record once, run the handler with
 * bounded retries, isolate a poison record when the whole batch fails, then send outputs and DLQ
 * copies in one produce. The caller commits offsets only after this resolves.
 */
export class BatchProcessor {
  constructor(private readonly deps: ProcessorDeps) {}

  async process(raws: RawRecord[], handler: TopicHandlerFn<unknown>, heartbeat: () => Promise<void>): Promise<void> {
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
      for (const [group, outcome] of await this.runIsolating(valid, handler, heartbeat)) {
        if (outcome.ok) {
          outputs.push(...outcome.ctx.outputs);
          for (const [m, e] of outcome.ctx.failures) dlq.push(this.toDlq(rawOf.get(m)!, e, 1));
        } else {
          for (const m of group) dlq.push(this.toDlq(rawOf.get(m)!, outcome.error, outcome.attempts));
        }
      }
      timer();
    }
    await this.flush([...outputs, ...dlq], heartbeat);
  }

  /** The whole batch first; on a non-retriable failure, each record alone to find the poison one. */
  private async runIsolating(valid: Msg[], handler: TopicHandlerFn<unknown>, heartbeat: () => Promise<void>): Promise<Array<[Msg[], Outcome]>> {
    const whole = await this.runWithRetry(valid, handler, heartbeat, this.deps.retry.maxAttempts);
    if (whole.ok || valid.length === 1 || whole.error.retriable) return [[valid, whole]];
    const results: Array<[Msg[], Outcome]> = [];
    for (const m of valid) results.push([[m], await this.runWithRetry([m], handler, heartbeat, 3)]);
    return results;
  }

  private async runWithRetry(batch: Msg[], handler: TopicHandlerFn<unknown>, heartbeat: () => Promise<void>, maxAttempts: number): Promise<Outcome> {
    const { publisher, retry, metrics, logger, sleep } = this.deps;
    for (let attempt = 1; ; attempt++) {
      const ctx = new BatchContext((t, p, o, now) => publisher.build(t, p, o, now), heartbeat);
      try {
        await handler(batch, ctx);
        return { ok: true, ctx };
      } catch (e) {
        const error = toHeraldError(e);
        if (!error.retriable) return { ok: false, error, attempts: attempt };
        if (attempt >= maxAttempts) {
          return { ok: false, error: new HeraldError('RETRIES_EXHAUSTED', `${error.code}: ${error.message}`, { cause: error }), attempts: attempt };
        }
        metrics.retries.inc({ topic: batch[0].topic, code: error.code });
        const traceId = batch.length === 1 ? parseTraceparent(batch[0].attributes.traceparent)?.traceId : undefined;
        logger.warn({ errorCode: error.code, attempt, topic: batch[0].topic, size: batch.length, traceId, err: error }, 'handler failed, retrying');
        await sleepWithHeartbeat(backoffDelay(attempt, retry), sleep, heartbeat);
      }
    }
  }

  /** A produce that keeps failing is thrown: the batch is not committed and is consumed again. */
  private async flush(records: Array<OutboundRecord | DlqRecord>, heartbeat: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deps.publisher.sendBatch(records);
        return;
      } catch (e) {
        if (attempt >= this.deps.retry.maxAttempts) throw e;
        this.deps.logger.warn({ attempt, err: e }, 'produce failed, retrying');
        await sleepWithHeartbeat(backoffDelay(attempt, this.deps.retry), this.deps.sleep, heartbeat);
      }
    }
  }

  private toDlq(raw: RawRecord, error: HeraldError, attempts: number): DlqRecord {
    this.deps.metrics.dlq.inc({ topic: raw.topic, code: error.code });
    this.deps.logger.warn({ errorCode: error.code, topic: raw.topic, partition: raw.partition, offset: raw.offset, traceId: traceIdOf(raw), reason: error.message }, 'record sent to DLQ');
    return buildDlqRecord(raw, error, this.deps.service, attempts);
  }
}

async function sleepWithHeartbeat(ms: number, sleep: (ms: number) => Promise<void>, heartbeat: () => Promise<void>): Promise<void> {
  for (let left = ms; left > 0; left -= 1000) {
    await sleep(Math.min(1000, left));
    await heartbeat().catch(() => undefined);
  }
}
