import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HeraldError, Topics, newTraceparent, parseTraceparent } from '@herald/contracts';
import { MetricsRegistry, createLogger } from '@herald/observability';
import { KafkaMetrics } from '../kafka-metrics';
import { buildRecord, type OutboundRecord } from '../publish/outbound-record';
import type { DlqRecord } from '../publish/dlq-record';
import type { Publisher } from '../publish/publisher';
import { BatchAbandoned, BatchProcessor, type BatchControl } from './batch-processor';
import { BlockedTracker } from './blocked-tracker';
import type { TopicHandlerFn } from './batch-context';
import type { RawRecord } from './consumed-message';
import { backoffDelay } from './backoff';

const optout = (i: number) => ({
  recipientToken: 'a'.repeat(64),
  brand: 'acme',
  action: 'opt_out',
  source: 'sms',
  at: new Date(0).toISOString(),
  keyword: `K${i}`,
});

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

function setup(sendFailures = 0, sendError: unknown = new HeraldError('BROKER_UNAVAILABLE', 'down')) {
  const sent: Array<OutboundRecord | DlqRecord> = [];
  let failuresLeft = sendFailures;
  // A fake clock moved only by the injected sleep: no real time passes in these tests.
  const clock = { now: 0, sleeps: [] as number[] };
  const publisher = {
    build: (t: never, p: never, o: never, now?: Date) => buildRecord(t, p, o, 'test', now),
    sendBatch: async (records: Array<OutboundRecord | DlqRecord>) => {
      if (failuresLeft-- > 0) throw sendError;
      sent.push(...records);
    },
  } as unknown as Publisher;
  const metrics = new KafkaMetrics(new MetricsRegistry(`t${Math.random().toString(36).slice(2)}`));
  const logger = createLogger('test', 'silent');
  const blocked = new BlockedTracker(metrics.blockedSeconds, () => clock.now);
  const processor = new BatchProcessor({
    service: 'test',
    publisher,
    metrics,
    logger,
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2, blockedMaxDelayMs: 30_000 },
    maxRecordBytes: 1024,
    sleep: async (ms) => {
      clock.now += ms;
      clock.sleeps.push(ms);
    },
    blocked,
  });
  return { sent, processor, logger, clock, blocked, metrics };
}

const heartbeat: BatchControl = { heartbeat: async () => undefined, isAbandoned: () => false };
const dlqCodes = (sent: Array<OutboundRecord | DlqRecord>) =>
  sent.filter((r) => r.topic.endsWith('.dlq')).map((r) => String(r.headers['x-error-code']));
const echo: TopicHandlerFn<{ keyword: string }> = async (batch, ctx) => {
  for (const m of batch) ctx.publish(Topics.SmsOptoutsV1, m.payload as never, { key: 'k', parent: m });
};

describe('BatchProcessor', () => {
  it('dead-letters undecodable, invalid and oversized records and processes the rest', async () => {
    const { sent, processor } = setup();
    await processor.process(
      [raw(1), raw(2, '{nope'), raw(3, { brand: 'x' }), raw(4, 'x'.repeat(2000)), raw(5)],
      echo as TopicHandlerFn<unknown>,
      heartbeat,
    );
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

  it('dead-letters the batch as RETRIES_EXHAUSTED when an unexpected handler error outlasts the bound', async () => {
    const { sent, processor } = setup();
    let calls = 0;
    const handler: TopicHandlerFn<unknown> = async () => {
      calls++;
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    };
    await processor.process([raw(1), raw(2)], handler, heartbeat);
    // 3 attempts of the batch, then 3 of each record alone (the bug may be one record's).
    expect(calls).toBe(9);
    expect(dlqCodes(sent)).toEqual(['RETRIES_EXHAUSTED', 'RETRIES_EXHAUSTED']);
  });

  it('blocks on an unavailable database far past the retry bound, then processes every record once and dead-letters none', async () => {
    const { sent, processor, clock, blocked, metrics, logger } = setup();
    const warn = jest.spyOn(logger, 'warn');
    const gauge: number[] = [];
    let calls = 0;
    const handler: TopicHandlerFn<unknown> = async (batch, ctx) => {
      // Down for 120 s of fake time: the bound (3 attempts) would have dead-lettered within milliseconds.
      if (clock.now < 120_000) {
        calls++;
        gauge.push(
          (await metrics.blockedSeconds.get()).values.find((v) => v.labels.dependency === 'postgresql')!.value,
        );
        throw new HeraldError('DB_UNAVAILABLE', 'pg down');
      }
      expect(blocked.current()).toEqual({ dependency: 'postgresql', seconds: clock.now / 1000 });
      await echo(batch as never, ctx);
    };
    await processor.process([raw(1), raw(2)], handler, heartbeat);
    expect(calls).toBeGreaterThan(3);
    expect(dlqCodes(sent)).toEqual([]);
    expect(sent).toHaveLength(2);
    // Capped exponential backoff: sleeps (in <= 1 s steps) never exceed the 30 s cap per attempt.
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(1000);
    expect(gauge[0]).toBe(0);
    expect(gauge[gauge.length - 1]).toBeGreaterThan(60);
    expect(gauge).toEqual([...gauge].sort((a, b) => a - b));
    // Resumed: the gauge is back to 0 and readiness sees nothing blocked.
    expect((await metrics.blockedSeconds.get()).values.every((v) => v.value === 0)).toBe(true);
    expect(blocked.current()).toBeUndefined();
    // At most one log line per 10 s of blocking (plus the first one).
    const blockedLogs = warn.mock.calls.filter(([, msg]) => String(msg).startsWith('consumer blocked'));
    expect(blockedLogs.length).toBeGreaterThan(1);
    expect(blockedLogs.length).toBeLessThanOrEqual(120 / 10 + 1);
    expect(blockedLogs[0][0]).toEqual(
      expect.objectContaining({
        dependency: 'postgresql',
        topic: Topics.SmsOptoutsV1,
        partitions: [0],
        errorCode: 'DB_UNAVAILABLE',
        blockedSeconds: 0,
      }),
    );
  });

  it('spaces blocked retries with a backoff capped at blockedMaxDelayMs', async () => {
    const { processor, clock } = setup();
    const attemptsAt: number[] = [];
    const handler: TopicHandlerFn<unknown> = async (batch, ctx) => {
      attemptsAt.push(clock.now);
      if (attemptsAt.length < 30)
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      await echo(batch as never, ctx);
    };
    await processor.process([raw(1)], handler, heartbeat);
    const gaps = attemptsAt.slice(1).map((t, i) => t - attemptsAt[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30_000);
    expect(gaps[gaps.length - 1]).toBeGreaterThanOrEqual(15_000);
    expect(gaps[0]).toBeLessThan(gaps[gaps.length - 1]);
  });

  it('gives a blocked batch up without producing anything when it goes stale or the consumer stops', async () => {
    const { sent, processor, clock, blocked } = setup();
    const handler: TopicHandlerFn<unknown> = async () => {
      throw new HeraldError('DB_UNAVAILABLE', 'pg down');
    };
    const control: BatchControl = { heartbeat: async () => undefined, isAbandoned: () => clock.now > 45_000 };
    await expect(processor.process([raw(1), raw(2)], handler, control)).rejects.toBeInstanceOf(BatchAbandoned);
    expect(sent).toEqual([]);
    expect(blocked.current()).toBeUndefined();
  });

  it('lets a rebalance seen by the heartbeat end the wait, so kafkajs can rejoin', async () => {
    const { sent, processor } = setup();
    const rebalance = Object.assign(new Error('The group is rebalancing'), {
      name: 'KafkaJSProtocolError',
      type: 'REBALANCE_IN_PROGRESS',
    });
    let beats = 0;
    const control: BatchControl = {
      heartbeat: async () => {
        if (++beats === 3) throw rebalance;
        if (beats === 1) throw Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' });
      },
      isAbandoned: () => false,
    };
    const handler: TopicHandlerFn<unknown> = async () => {
      throw new HeraldError('DB_UNAVAILABLE', 'pg down');
    };
    await expect(processor.process([raw(1)], handler, control)).rejects.toBe(rebalance);
    expect(sent).toEqual([]);
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

  it('retries a failed produce for as long as the broker is down, counting it as blocked on kafka', async () => {
    const ok = setup(2);
    await ok.processor.process([raw(1)], echo as TopicHandlerFn<unknown>, heartbeat);
    expect(ok.sent).toHaveLength(1);
    const down = setup(
      200,
      Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:19092'), {
        name: 'KafkaJSConnectionError',
      }),
    );
    const seen: Array<string | undefined> = [];
    const control: BatchControl = {
      heartbeat: async () => void seen.push(down.blocked.current()?.dependency),
      isAbandoned: () => false,
    };
    await down.processor.process([raw(1)], echo as TopicHandlerFn<unknown>, control);
    expect(down.sent).toHaveLength(1);
    expect(down.clock.now).toBeGreaterThan(60 * 60_000);
    expect(new Set(seen)).toEqual(new Set(['kafka']));
  });

  it('gives up a produce that waits for the broker when the consumer stops, so nothing is committed', async () => {
    const down = setup(1000);
    const control: BatchControl = { heartbeat: async () => undefined, isAbandoned: () => down.clock.now > 10_000 };
    await expect(down.processor.process([raw(1)], echo as TopicHandlerFn<unknown>, control)).rejects.toBeInstanceOf(
      BatchAbandoned,
    );
    expect(down.sent).toEqual([]);
  });

  it('logs the trace id of a record sent to the DLQ or retried alone', async () => {
    const { processor, logger } = setup();
    const warn = jest.spyOn(logger, 'warn');
    const traceparent = newTraceparent();
    const traceId = parseTraceparent(traceparent)!.traceId;
    const withTrace = (r: RawRecord): RawRecord => ({
      ...r,
      headers: { ...r.headers, traceparent: Buffer.from(traceparent) },
    });
    await processor.process([raw(1), withTrace(raw(2, '{nope'))], echo as TopicHandlerFn<unknown>, heartbeat);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ errorCode: 'UNDECODABLE_RECORD', traceId }),
      'record sent to DLQ',
    );
    let calls = 0;
    const flaky: TopicHandlerFn<unknown> = async (batch, ctx) => {
      if (++calls === 1) throw new HeraldError('CARRIER_TRANSIENT', 'bind lost');
      await echo(batch as never, ctx);
    };
    await processor.process([withTrace(raw(3))], flaky, heartbeat);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ errorCode: 'CARRIER_TRANSIENT', traceId }),
      'handler failed, retrying',
    );
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [3, 1, 400],
    [10, 1, 1000],
  ])('attempt %i random %d -> %i ms', (attempt, random, expected) => {
    expect(
      backoffDelay(
        attempt,
        { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 1000, blockedMaxDelayMs: 30_000 },
        () => random,
      ),
    ).toBe(expected);
  });
});

describe('BatchProcessor: a dead-lettered pipeline message still ends final', () => {
  const fixture = readFileSync(
    path.resolve(__dirname, '../../../../contracts/fixtures/sms.requested.v1/valid/fr-order-placed.json'),
    'utf8',
  );
  const requested = (): { messageId: string; requestedAt: string } & Record<string, unknown> => JSON.parse(fixture);
  const rawRequested = (i: number, value: unknown): RawRecord => ({
    ...raw(i, value),
    topic: Topics.SmsRequestedV1,
    headers: { ce_id: `id-${i}`, ce_source: 'test', ce_type: Topics.SmsRequestedV1, ce_specversion: '1.0' },
  });
  const statuses = (sent: Array<OutboundRecord | DlqRecord>) =>
    sent.filter((r) => r.topic === Topics.SmsStatusV1) as OutboundRecord[];

  it('emits a failed status, keyed by message id, in the same produce as the DLQ copy', async () => {
    const { sent, processor } = setup();
    const m = requested();
    const handler: TopicHandlerFn<unknown> = async (batch, ctx) => {
      for (const msg of batch)
        ctx.fail(msg, new HeraldError('UNKNOWN_TEMPLATE', 'no template order.placed in fr-FR, fr, en'));
    };
    await processor.process([rawRequested(1, m)], handler, heartbeat);
    expect(dlqCodes(sent)).toEqual(['UNKNOWN_TEMPLATE']);
    const [status] = statuses(sent);
    expect(status.key).toBe(m.messageId);
    expect(JSON.parse(status.value)).toEqual(
      expect.objectContaining({
        messageId: m.messageId,
        status: 'failed',
        reasonCode: 'UNKNOWN_TEMPLATE',
        reason: 'no template order.placed in fr-FR, fr, en',
        service: 'test',
        meta: expect.objectContaining({ sourceEventId: 'evt-01HQ3K8Z7N', acceptedAt: m.requestedAt }),
      }),
    );
    expect(statuses(sent)).toHaveLength(1);
  });

  it('also for a record that broke its contract but still names its message, and for a retried-out bug', async () => {
    const { sent, processor } = setup();
    const broken = { ...requested(), ttlSeconds: 99_999_999 };
    const bug = { ...requested(), messageId: '36bcc33f-54bc-53c2-bd06-89c6b787d038' };
    const handler: TopicHandlerFn<unknown> = async () => {
      throw new TypeError('x is undefined');
    };
    await processor.process(
      [rawRequested(1, broken), rawRequested(2, bug), rawRequested(3, '{nope')],
      handler,
      heartbeat,
    );
    expect(dlqCodes(sent).sort()).toEqual(['CONTRACT_VIOLATION', 'RETRIES_EXHAUSTED', 'UNDECODABLE_RECORD']);
    expect(
      statuses(sent)
        .map((s) => [s.key, JSON.parse(s.value).reasonCode])
        .sort(),
    ).toEqual(
      [
        [broken.messageId, 'CONTRACT_VIOLATION'],
        [bug.messageId, 'RETRIES_EXHAUSTED'],
      ].sort(),
    );
  });

  it('adds nothing when the handler already published a status for the message, or for topics that carry no message', async () => {
    const { sent, processor } = setup();
    const m = requested();
    const handler: TopicHandlerFn<unknown> = async (batch, ctx) => {
      for (const msg of batch) {
        const p = msg.payload as { messageId: string };
        ctx.publish(
          Topics.SmsStatusV1,
          {
            messageId: p.messageId,
            status: 'suppressed',
            service: 'test',
            at: new Date(0).toISOString(),
            meta: {},
          } as never,
          { key: p.messageId, parent: msg },
        );
        ctx.fail(msg, new HeraldError('UNKNOWN_TEMPLATE', 'x'));
      }
    };
    await processor.process([rawRequested(1, m)], handler, heartbeat);
    expect(statuses(sent).map((s) => JSON.parse(s.value).status)).toEqual(['suppressed']);
    const optouts = setup();
    await optouts.processor.process([raw(1, '{nope')], echo as TopicHandlerFn<unknown>, heartbeat);
    expect(statuses(optouts.sent)).toEqual([]);
  });
});
