import { HeraldError, Topics, newTraceparent, parseTraceparent } from '@herald/contracts';
import { MetricsRegistry, createLogger } from '@herald/observability';
import { KafkaMetrics } from '../kafka-metrics';
import { buildRecord, type OutboundRecord } from '../publish/outbound-record';
import type { DlqRecord } from '../publish/dlq-record';
import type { Publisher } from '../publish/publisher';
import { BatchProcessor } from './batch-processor';
import type { TopicHandlerFn } from './batch-context';
import type { RawRecord } from './consumed-message';
import { backoffDelay } from './backoff';

const optout = (i: number) => ({ recipientToken: 'a'.repeat(64), brand: 'acme', action: 'opt_out', source: 'sms', at: new Date(0).toISOString(), keyword: `K${i}` });

function raw(i: number, value: unknown = optout(i)): RawRecord {
  return {
    topic: Topics.SmsOptoutsV1,
    partition: 0,
    offset: String(i),
    key: Buffer.from('k'),
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: { ce_id: `id-${i}`, ce_source: 'test', ce_type: Topics.SmsOptoutsV1, ce_specversion: '1.0' },
    timestamp: '0',
  };
}

function setup(sendFailures = 0) {
  const sent: Array<OutboundRecord | DlqRecord> = [];
  let failuresLeft = sendFailures;
  const publisher = {
    build: (t: never, p: never, o: never, now?: Date) => buildRecord(t, p, o, 'test', now),
    sendBatch: async (records: Array<OutboundRecord | DlqRecord>) => {
      if (failuresLeft-- > 0) throw new HeraldError('BROKER_UNAVAILABLE', 'down');
      sent.push(...records);
    },
  } as unknown as Publisher;
  const metrics = new KafkaMetrics(new MetricsRegistry(`t${Math.random().toString(36).slice(2)}`));
  const logger = createLogger('test', 'silent');
  const processor = new BatchProcessor({
    service: 'test',
    publisher,
    metrics,
    logger,
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    maxRecordBytes: 1024,
    sleep: async () => undefined,
  });
  return { sent, processor, logger };
}

const heartbeat = async () => undefined;
const dlqCodes = (sent: Array<OutboundRecord | DlqRecord>) => sent.filter((r) => r.topic.endsWith('.dlq')).map((r) => String(r.headers['x-error-code']));
const echo: TopicHandlerFn<{ keyword: string }> = async (batch, ctx) => {
  for (const m of batch) ctx.publish(Topics.SmsOptoutsV1, m.payload as never, { key: 'k', parent: m });
};

describe('BatchProcessor', () => {
  it('dead-letters undecodable, invalid and oversized records and processes the rest', async () => {
    const { sent, processor } = setup();
    await processor.process([raw(1), raw(2, '{nope'), raw(3, { brand: 'x' }), raw(4, 'x'.repeat(2000)), raw(5)], echo as TopicHandlerFn<unknown>, heartbeat);
    expect(dlqCodes(sent).sort()).toEqual(['CONTRACT_VIOLATION', 'PAYLOAD_TOO_LARGE', 'UNDECODABLE_RECORD']);
    expect(sent.filter((r) => r.topic === Topics.SmsOptoutsV1)).toHaveLength(2);
  });

  it('isolates the poison record when the handler throws a non-retriable error for the batch', async () => {
    const { sent, processor } = setup();
    const handler: TopicHandlerFn<{ keyword: string }> = async (batch, ctx) => {
      if (batch.some((m) => m.payload.keyword === 'K2')) throw new HeraldError('UNKNOWN_TEMPLATE', 'no template');
      await echo(batch, ctx);
    };
    await processor.process([raw(1), raw(2), raw(3)], handler as TopicHandlerFn<unknown>, heartbeat);
    expect(dlqCodes(sent)).toEqual(['UNKNOWN_TEMPLATE']);
    expect(sent.filter((r) => r.topic === Topics.SmsOptoutsV1)).toHaveLength(2);
  });

  it('retries a retriable failure and succeeds without duplicating outputs', async () => {
    const { sent, processor } = setup();
    let calls = 0;
    const handler: TopicHandlerFn<unknown> = async (batch, ctx) => {
      if (++calls < 3) throw new HeraldError('DB_UNAVAILABLE', 'pg down');
      await echo(batch as never, ctx);
    };
    await processor.process([raw(1), raw(2)], handler, heartbeat);
    expect(calls).toBe(3);
    expect(sent).toHaveLength(2);
  });

  it('dead-letters the batch as RETRIES_EXHAUSTED when a retriable error outlasts the bound', async () => {
    const { sent, processor } = setup();
    const handler: TopicHandlerFn<unknown> = async () => {
      throw new HeraldError('DB_UNAVAILABLE', 'pg down');
    };
    await processor.process([raw(1), raw(2)], handler, heartbeat);
    expect(dlqCodes(sent)).toEqual(['RETRIES_EXHAUSTED', 'RETRIES_EXHAUSTED']);
  });

  it('sends a record failed by the handler to the DLQ with its own code', async () => {
    const { sent, processor } = setup();
    const handler: TopicHandlerFn<{ keyword: string }> = async (batch, ctx) => {
      for (const m of batch) {
        if (m.payload.keyword === 'K1') ctx.fail(m, new HeraldError('INVALID_PHONE', 'not a number'));
        else ctx.publish(Topics.SmsOptoutsV1, m.payload as never, { key: 'k', parent: m });
      }
    };
    await processor.process([raw(1), raw(2)], handler as TopicHandlerFn<unknown>, heartbeat);
    expect(dlqCodes(sent)).toEqual(['INVALID_PHONE']);
    const dlq = sent.find((r) => r.topic.endsWith('.dlq'))!;
    expect(dlq.headers['x-original-offset']).toBe('1');
    expect(dlq.headers['x-service']).toBe('test');
  });

  it('retries a failed produce, and throws when it keeps failing so nothing is committed', async () => {
    const ok = setup(2);
    await ok.processor.process([raw(1)], echo as TopicHandlerFn<unknown>, heartbeat);
    expect(ok.sent).toHaveLength(1);
    const down = setup(10);
    await expect(down.processor.process([raw(1)], echo as TopicHandlerFn<unknown>, heartbeat)).rejects.toThrow(/down/);
  });

  it('logs the trace id of a record sent to the DLQ or retried alone', async () => {
    const { processor, logger } = setup();
    const warn = jest.spyOn(logger, 'warn');
    const traceparent = newTraceparent();
    const traceId = parseTraceparent(traceparent)!.traceId;
    const withTrace = (r: RawRecord): RawRecord => ({ ...r, headers: { ...r.headers, traceparent: Buffer.from(traceparent) } });
    await processor.process([raw(1), withTrace(raw(2, '{nope'))], echo as TopicHandlerFn<unknown>, heartbeat);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ errorCode: 'UNDECODABLE_RECORD', traceId }), 'record sent to DLQ');
    let calls = 0;
    const flaky: TopicHandlerFn<unknown> = async (batch, ctx) => {
      if (++calls === 1) throw new HeraldError('DB_UNAVAILABLE', 'pg down');
      await echo(batch as never, ctx);
    };
    await processor.process([withTrace(raw(3))], flaky, heartbeat);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ errorCode: 'DB_UNAVAILABLE', traceId }), 'handler failed, retrying');
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [3, 1, 400],
    [10, 1, 1000],
  ])('attempt %i random %d -> %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 1000 }, () => random)).toBe(expected);
  });
});
