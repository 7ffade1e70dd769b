import { Topics, newTraceparent, parseTraceparent, type HeraldError, type SmsOptoutV1 } from '@herald/contracts';
import type { SpanData, Tracer } from '@herald/observability';
import type { RawRecord } from '../consume/consumed-message';
import { buildDlqRecord } from './dlq-record';
import { buildRecord, type PublishOptions } from './outbound-record';
import { PublishTracing } from './publish-tracing';

const payload = { recipientToken: 'a'.repeat(64) } as SmsOptoutV1;

function setup(sampled = true) {
  const spans: SpanData[] = [];
  const tracer = { isSampled: () => sampled, record: (s: SpanData) => spans.push(s) } as unknown as Tracer;
  const tracing = new PublishTracing(tracer, 'compliance');
  const build = (opts: PublishOptions, now: Date) => {
    const record = buildRecord(Topics.SmsOptoutsV1, payload, opts, 'compliance', now);
    tracing.built(record, opts, payload, now);
    return record;
  };
  return { spans, tracing, build };
}

const parentOf = (traceparent: string) => ({ attributes: { id: 'e', type: 't', source: 's', time: 'x', specversion: '1.0' as const, traceparent } });

describe('PublishTracing', () => {
  it('ends the span of each output it built when the batch is acked, once', () => {
    const { spans, tracing, build } = setup();
    const parent = newTraceparent();
    const record = build({ key: 'k', parent: parentOf(parent) }, new Date(1000));
    tracing.acked([record], 1250);
    tracing.acked([record], 1300);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      traceId: parseTraceparent(parent)!.traceId,
      spanId: parseTraceparent(record.headers.traceparent)!.spanId,
      parentSpanId: parseTraceparent(parent)!.spanId,
      startTimeMs: 1000,
      endTimeMs: 1250,
    });
  });

  it('gives no span to DLQ copies, records built elsewhere, or unsampled traces', () => {
    const { spans, tracing } = setup();
    const raw: RawRecord = { topic: Topics.SmsOptoutsV1, partition: 0, offset: '1', key: null, value: Buffer.from('{}'), headers: { traceparent: newTraceparent() }, timestamp: '0' };
    const dlq = buildDlqRecord(raw, { code: 'CONTRACT_VIOLATION', message: 'x' } as HeraldError, 'compliance', 1);
    tracing.acked([dlq, buildRecord(Topics.SmsOptoutsV1, payload, { key: 'k' }, 'compliance')], 1);
    const unsampled = setup(false);
    unsampled.tracing.acked([unsampled.build({ key: 'k' }, new Date())], 1);
    expect([...spans, ...unsampled.spans]).toEqual([]);
  });
});
