import { Topics, newTraceparent, parseTraceparent, type SmsStatusV1 } from '@herald/contracts';
import { SpanKind } from '@herald/observability';
import { buildRecord } from './outbound-record';
import { publishSpan } from './publish-span';

const status = { messageId: 'b1f0c7de-0f39-4c1b-9d7e-2f8d5f2c6a10', status: 'accepted' } as SmsStatusV1;

describe('publishSpan', () => {
  it('is the PRODUCER span of the output, child of the consumed record, with only ids as attributes', () => {
    const parentTraceparent = newTraceparent();
    const record = buildRecord(Topics.SmsStatusV1, status, { key: status.messageId, parent: { attributes: { id: 'e', type: 't', source: 's', time: 'x', specversion: '1.0', traceparent: parentTraceparent } } }, 'templating');
    const own = parseTraceparent(record.headers.traceparent)!;
    const span = publishSpan({ record, traceId: own.traceId, spanId: own.spanId, parentTraceparent, payload: status, service: 'templating', startTimeMs: 1000 });
    expect(span).toEqual({
      traceId: parseTraceparent(parentTraceparent)!.traceId,
      spanId: own.spanId,
      parentSpanId: parseTraceparent(parentTraceparent)!.spanId,
      name: 'sms.status.v1 publish',
      kind: SpanKind.Producer,
      startTimeMs: 1000,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': 'sms.status.v1',
        'messaging.kafka.consumer.group': 'templating',
        'herald.message_id': status.messageId,
      },
    });
  });

  it('is a root span without a parent and has no message id when the payload has none', () => {
    const record = buildRecord(Topics.SmsOptoutsV1, {} as never, { key: 'k' }, 'compliance');
    const own = parseTraceparent(record.headers.traceparent)!;
    const span = publishSpan({ record, traceId: own.traceId, spanId: own.spanId, parentTraceparent: undefined, payload: { recipientToken: 'a'.repeat(64) }, service: 'compliance', startTimeMs: 0 });
    expect(span.parentSpanId).toBeUndefined();
    expect(Object.keys(span.attributes)).toEqual(['messaging.system', 'messaging.destination.name', 'messaging.kafka.consumer.group']);
  });
});
