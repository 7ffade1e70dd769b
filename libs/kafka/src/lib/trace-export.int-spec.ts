import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Module, type INestApplication, type Type } from '@nestjs/common';
import { HERALD_NAMESPACE, Topics, newTraceparent, parseTraceparent, uuidv5, type OrderPlacedV1, type SmsStatusV1 } from '@herald/contracts';
import { BaseServiceConfig, createServiceApp, kafkaOptionsFromConfig, loadConfig } from '@herald/service-kit';
import { KafkaProbe, testEnv, uniqueId, waitFor } from '@herald/testing';
import { BatchContext, KafkaModule, OnTopic, type ConsumedMessage } from '../index';

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Array<{ key: string; value: { stringValue?: string } }>;
}

interface OtlpBody {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue: string } }> };
    scopeSpans: Array<{ scope: { name: string }; spans: Omit<ReceivedSpan, 'service'>[] }>;
  }>;
}

/** A stand-in OTLP/HTTP collector: keeps every span posted to it, tagged with its service.name. */
async function startCollector(): Promise<{ url: string; spans: ReceivedSpan[]; requests: string[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpBody;
      for (const rs of body.resourceSpans) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const ss of rs.scopeSpans) spans.push(...ss.spans.map((s) => ({ ...s, service })));
      }
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, requests, server };
}

const order = (orderId: string): OrderPlacedV1 =>
  ({
    orderId,
    customer: { id: 'c-1', firstName: 'Amélie', phone: '+33 6 12 34 56 78', locale: 'fr-FR' },
    total: { amount: '49.90', currency: 'EUR' },
  }) as OrderPlacedV1;

const status = (eventId: string, value: SmsStatusV1['status']): SmsStatusV1 =>
  ({
    messageId: uuidv5(eventId, HERALD_NAMESPACE),
    status: value,
    service: 'trace-test',
    at: new Date().toISOString(),
    meta: { sourceEventId: eventId, sourceEventType: 'order.placed', templateKey: 'order_placed', locale: 'en', category: 'transactional', country: 'FR', recipientToken: 'a'.repeat(64) },
  }) as SmsStatusV1;

/** Hop 1: order.placed -> sms.status.v1 `accepted`; hop 2: `accepted` -> `rendered`, same topic. */
function hops(eventIds: Set<string>): { hop1: Type; hop2: Type } {
  @Injectable()
  class Hop1 {
    @OnTopic(Topics.OrderPlaced)
    async handle(batch: ConsumedMessage<OrderPlacedV1>[], ctx: BatchContext): Promise<void> {
      for (const m of batch) {
        if (eventIds.has(m.attributes.id)) ctx.publish(Topics.SmsStatusV1, status(m.attributes.id, 'accepted'), { key: m.attributes.id, parent: m });
      }
    }
  }
  @Injectable()
  class Hop2 {
    @OnTopic(Topics.SmsStatusV1)
    async handle(batch: ConsumedMessage<SmsStatusV1>[], ctx: BatchContext): Promise<void> {
      for (const m of batch) {
        const id = m.payload.meta.sourceEventId;
        if (eventIds.has(id) && m.payload.status === 'accepted') ctx.publish(Topics.SmsStatusV1, status(id, 'rendered'), { key: id, parent: m });
      }
    }
  }
  @Module({ providers: [Hop1] })
  class Hop1Module {}
  @Module({ providers: [Hop2] })
  class Hop2Module {}
  return { hop1: Hop1Module, hop2: Hop2Module };
}

async function startHop(service: string, module: Type, topic: string, collectorUrl: string, probe: KafkaProbe): Promise<INestApplication> {
  await probe.pinGroupAtEnd(service, [topic]);
  const config = loadConfig(BaseServiceConfig, testEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl }));
  return createServiceApp({ service, config: BaseServiceConfig, module: (c) => ({ module, imports: [KafkaModule.forRoot(kafkaOptionsFromConfig(service, c))] }) }, config);
}

describe('OTLP trace export through two hops of the engine', () => {
  const probe = new KafkaProbe();
  afterAll(() => probe.close());

  it('exports one publish span per output, hop 2 a child of hop 1, in the trace of the input', async () => {
    const collector = await startCollector();
    const ids = [uniqueId('trace-ev'), uniqueId('trace-ev'), uniqueId('trace-ev')];
    const inputTrace = new Map(ids.map((id) => [id, newTraceparent()]));
    const { hop1, hop2 } = hops(new Set(ids));
    const service1 = uniqueId('trace-hop1');
    const service2 = uniqueId('trace-hop2');
    const apps: INestApplication[] = [];
    try {
      apps.push(await startHop(service1, hop1, Topics.OrderPlaced, collector.url, probe));
      apps.push(await startHop(service2, hop2, Topics.SmsStatusV1, collector.url, probe));
      const statusFrom = await probe.endOffsets(Topics.SmsStatusV1);
      await probe.produceRaw(
        Topics.OrderPlaced,
        ids.map((id) => ({
          key: id,
          value: JSON.stringify(order(id)),
          headers: { ce_id: id, ce_source: 'test/shop', ce_type: Topics.OrderPlaced, ce_specversion: '1.0', traceparent: inputTrace.get(id)! },
        })),
      );

      const spansOf = (service: string) => collector.spans.filter((s) => s.service === service);
      await waitFor('the publish spans of both hops', () => spansOf(service1).length >= ids.length && spansOf(service2).length >= ids.length, 90000, 200);
      const hop1Outputs = await probe.collect(Topics.SmsStatusV1, (r) => r.value !== null && (JSON.parse(r.value) as SmsStatusV1).status === 'accepted' && ids.includes(r.key ?? ''), ids.length, 30000, statusFrom);

      expect(new Set(collector.requests)).toEqual(new Set(['POST /v1/traces application/json']));
      for (const id of ids) {
        const input = parseTraceparent(inputTrace.get(id))!;
        const [first] = spansOf(service1).filter((s) => s.traceId === input.traceId);
        const [second] = spansOf(service2).filter((s) => s.traceId === input.traceId);
        expect(first).toMatchObject({ parentSpanId: input.spanId, name: 'sms.status.v1 publish', kind: 4 });
        expect(second).toMatchObject({ parentSpanId: first.spanId, name: 'sms.status.v1 publish', kind: 4 });
        const output = hop1Outputs.find((r) => r.key === id)!;
        expect(parseTraceparent(output.headers.traceparent)).toMatchObject({ traceId: input.traceId, spanId: first.spanId });
        expect(Object.fromEntries(first.attributes.map((a) => [a.key, a.value.stringValue]))).toEqual({
          'messaging.system': 'kafka',
          'messaging.destination.name': Topics.SmsStatusV1,
          'messaging.kafka.consumer.group': service1,
          'herald.message_id': uuidv5(id, HERALD_NAMESPACE),
        });
        expect(BigInt(first.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(first.startTimeUnixNano));
        expect(BigInt(second.startTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(first.startTimeUnixNano));
      }
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      collector.server.closeAllConnections();
      await new Promise((r) => collector.server.close(r));
    }
  });
});
