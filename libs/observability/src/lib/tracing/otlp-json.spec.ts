import { toOtlpTraceRequest } from './otlp-json';
import { SpanKind, type SpanData } from './span-data';

const span: SpanData = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  parentSpanId: 'b7ad6b7169203331',
  name: 'sms.status.v1 publish',
  kind: SpanKind.Producer,
  startTimeMs: 1_763_805_600_000,
  endTimeMs: 1_763_805_600_012,
  attributes: { 'messaging.system': 'kafka', 'messaging.batch.message_count': 3, ratio: 0.5, retried: false },
};

describe('toOtlpTraceRequest', () => {
  it('encodes spans per the OTLP/JSON mapping under one resource and the herald scope', () => {
    const body = JSON.parse(JSON.stringify(toOtlpTraceRequest([span], { serviceName: 'templating', serviceVersion: '0.1.0' })));
    expect(body).toEqual({
      resourceSpans: [
        {
          resource: {
            attributes: [
              { key: 'service.name', value: { stringValue: 'templating' } },
              { key: 'service.version', value: { stringValue: '0.1.0' } },
            ],
          },
          scopeSpans: [
            {
              scope: { name: 'herald' },
              spans: [
                {
                  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
                  spanId: '00f067aa0ba902b7',
                  parentSpanId: 'b7ad6b7169203331',
                  name: 'sms.status.v1 publish',
                  kind: 4,
                  startTimeUnixNano: '1763805600000000000',
                  endTimeUnixNano: '1763805600012000000',
                  attributes: [
                    { key: 'messaging.system', value: { stringValue: 'kafka' } },
                    { key: 'messaging.batch.message_count', value: { intValue: '3' } },
                    { key: 'ratio', value: { doubleValue: 0.5 } },
                    { key: 'retried', value: { boolValue: false } },
                  ],
                  status: { code: 0 },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('leaves out what is unknown: a root span has no parent, the version is optional', () => {
    const body = JSON.parse(JSON.stringify(toOtlpTraceRequest([{ ...span, parentSpanId: undefined, kind: SpanKind.Consumer, status: { code: 'error', message: 'x' } }], { serviceName: 's' })));
    const [out] = body.resourceSpans[0].scopeSpans[0].spans;
    expect(out).not.toHaveProperty('parentSpanId');
    expect(out.kind).toBe(5);
    expect(out.status).toEqual({ code: 2, message: 'x' });
    expect(body.resourceSpans[0].resource.attributes).toEqual([{ key: 'service.name', value: { stringValue: 's' } }]);
  });
});
