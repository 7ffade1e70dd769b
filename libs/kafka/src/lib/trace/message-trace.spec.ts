import { startInMemoryTracing, type InMemoryTracing } from '@herald/observability';
import type { ConsumedMessage } from '../consume/consumed-message';
import { buildRecord } from '../publish/outbound-record';
import {
  endProcessSpans,
  recordMessageSpan,
  startProcessSpans,
  traceMessage,
  withMessageTrace,
  contextOfMessage,
  outputNeedsSpan,
} from './message-trace';
import { attachPublishSpan, endPublishSpans, startPublishSpan } from './publish-span';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER = '00f067aa0ba902b7';
const PHONE = '+33612345678';

const message = (traceparent?: string): ConsumedMessage<unknown> => ({
  topic: 'sms.requested.v1',
  partition: 2,
  offset: '41',
  key: 'k',
  headers: {},
  attributes: {
    id: 'evt-1',
    type: 'sms.requested.v1',
    source: 'herald/event-ingest',
    time: '2026-01-01T00:00:00.000Z',
    specversion: '1.0',
    traceparent,
  },
  payload: { messageId: 'm-1', recipient: { phone: PHONE } },
  timestamp: 0,
});

describe('Kafka spans, tracing off', () => {
  it('starts nothing and runs the work as is', () => {
    const m = message(`00-${TRACE}-${CALLER}-01`);
    expect(startProcessSpans([m], 'templating')).toBeUndefined();
    expect(contextOfMessage(m)).toBeUndefined();
    expect(traceMessage(m, 'templating render', {}, (span) => span)).toBeUndefined();
    expect(withMessageTrace(m, () => 7)).toBe(7);
  });
});

describe('Kafka spans on the OpenTelemetry SDK', () => {
  let tracing: InMemoryTracing;
  beforeEach(async () => (tracing = await startInMemoryTracing()));
  afterEach(() => tracing.stop());

  it("continues each record's own traceparent: process span, Herald span, publish span, and the output's traceparent", async () => {
    const m = message(`00-${TRACE}-${CALLER}-01`);
    const spans = startProcessSpans([m], 'templating');
    await traceMessage(m, 'templating render', { 'herald.message_id': 'm-1' }, async () => undefined);
    const span = startPublishSpan('sms.rendered.v1', { key: 'k', parent: m }, m.payload, 'templating', new Date())!;
    const record = attachPublishSpan(span, (traceparent) =>
      buildRecord('sms.rendered.v1', {} as never, { key: 'k', parent: m }, 'templating', new Date(), traceparent),
    );
    endProcessSpans(spans, new Map());
    endPublishSpans([record]);

    const ended = tracing.spans();
    const process = ended.find((s) => s.name === 'sms.requested.v1 process')!;
    const render = ended.find((s) => s.name === 'templating render')!;
    const publish = ended.find((s) => s.name === 'sms.rendered.v1 publish')!;
    expect(ended.map((s) => s.spanContext().traceId)).toEqual([TRACE, TRACE, TRACE]);
    expect(process.parentSpanContext?.spanId).toBe(CALLER);
    expect(process.attributes).toMatchObject({
      'messaging.destination.name': 'sms.requested.v1',
      'messaging.destination.partition.id': '2',
      'messaging.kafka.offset': 41,
      'messaging.consumer.group.name': 'templating',
    });
    expect(render.parentSpanContext?.spanId).toBe(process.spanContext().spanId);
    expect(publish.parentSpanContext?.spanId).toBe(process.spanContext().spanId);
    expect(record.headers.traceparent).toBe(`00-${TRACE}-${publish.spanContext().spanId}-01`);
    expect(publish.attributes['messaging.message.id']).toBe(record.headers.ce_id);
    expect(JSON.stringify(ended.map((s) => s.attributes))).not.toContain('612345678');
  });

  it("starts a new trace for a record without a valid traceparent, and marks a dead-lettered record's span with its code only", () => {
    const m = message('not-a-traceparent');
    const spans = startProcessSpans([m], 'templating');
    endProcessSpans(spans, new Map([[m, 'CONTRACT_VIOLATION']]));
    const [process] = tracing.spans();
    expect(process.parentSpanContext).toBeUndefined();
    expect(process.status).toEqual({ code: 2, message: 'CONTRACT_VIOLATION' });
  });

  it('does no tracing work for a record whose trace is not sampled: no span, no context, and its output stays in the same unsampled trace', () => {
    const m = message(`00-${TRACE}-${CALLER}-00`);
    expect(startProcessSpans([m], 'templating')).toEqual(new Map());
    expect(contextOfMessage(m)).toBeUndefined();
    expect(traceMessage(m, 'templating render', {}, (span) => span)).toBeUndefined();
    expect(outputNeedsSpan(m)).toBe(false);
    const record = buildRecord('sms.rendered.v1', {} as never, { key: 'k', parent: m }, 'templating', new Date());
    expect(record.headers.traceparent).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-00$`));
    expect(tracing.spans()).toEqual([]);
  });

  it('still traces a record whose trace is sampled, and an output with no parent record (an HTTP request)', () => {
    expect(outputNeedsSpan(message(`00-${TRACE}-${CALLER}-01`))).toBe(true);
    expect(outputNeedsSpan(undefined)).toBe(true);
  });

  it("records a span for work done batch-wide, from its start, under the record's process span; a failure keeps only the error code", async () => {
    const m = message(`00-${TRACE}-${CALLER}-01`);
    const spans = startProcessSpans([m], 'compliance');
    const started = Date.now() - 50;
    recordMessageSpan(m, 'compliance decide', { 'herald.compliance.outcome': 'suppressed' }, started);
    await expect(
      traceMessage(m, 'templating render', {}, async () => {
        throw Object.assign(new Error(`cannot render for ${PHONE}`), { code: 'TEMPLATE_RENDER_FAILED' });
      }),
    ).rejects.toThrow('cannot render');
    endProcessSpans(spans, new Map());
    const decide = tracing.spans().find((s) => s.name === 'compliance decide')!;
    const render = tracing.spans().find((s) => s.name === 'templating render')!;
    expect(decide.parentSpanContext?.spanId).toBe(
      tracing
        .spans()
        .find((s) => s.name.endsWith('process'))!
        .spanContext().spanId,
    );
    expect(decide.startTime[0] * 1000 + decide.startTime[1] / 1e6).toBeCloseTo(started, -1);
    expect(render.status).toEqual({ code: 2, message: 'TEMPLATE_RENDER_FAILED' });
    expect(render.events).toEqual([]);
  });
});
