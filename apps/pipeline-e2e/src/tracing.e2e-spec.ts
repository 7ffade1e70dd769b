import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { CeHeader, TRACEPARENT_HEADER, Topics } from '@herald/contracts';
import { KafkaProbe, waitFor } from '@herald/testing';
import { Pipeline } from './support/pipeline';
import { ReceiptWatcher } from './support/receipt-watcher';
import { SimulatorClient } from './support/simulator-client';
import { e2eEnv } from './support/e2e-env';
import { frenchMobile } from './support/fixtures';

/** One span as OTLP/JSON carries it, with the service.name of its resource. */
interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: Array<{ key: string; value: Record<string, unknown> }>;
}

interface OtlpJsonRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value: { stringValue?: string } }> };
    scopeSpans?: Array<{ spans?: Array<Omit<ExportedSpan, 'service'>> }>;
  }>;
}

/**
 * A local OTLP/HTTP receiver (what a Collector's otlp receiver does with `POST /v1/traces` in the
 * JSON encoding, OTEL_EXPORTER_OTLP_PROTOCOL=http/json): keeps every span of the run and every raw body.
 */
class OtlpReceiver {
  readonly spans: ExportedSpan[] = [];
  readonly bodies: string[] = [];
  readonly refused: string[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (
          req.method !== 'POST' ||
          req.url !== '/v1/traces' ||
          !String(req.headers['content-type']).startsWith('application/json')
        ) {
          this.refused.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
          res.writeHead(415).end();
          return;
        }
        this.bodies.push(body);
        for (const rs of (JSON.parse(body) as OtlpJsonRequest).resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) this.spans.push({ ...s, service });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  trace(traceId: string): ExportedSpan[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }
}

const attr = (s: ExportedSpan, key: string): unknown => {
  const v = s.attributes?.find((a) => a.key === key)?.value;
  return v === undefined ? undefined : Object.values(v)[0];
};

const SPAN_KIND = { internal: 1, server: 2, producer: 4, consumer: 5 } as const;

// Issue 25: tracing on the OpenTelemetry SDK, judged from a Collector's side of the wire.
describe('tracing: one order.placed, one trace across every service (separate processes)', () => {
  const probe = new KafkaProbe();
  const watcher = new ReceiptWatcher(probe);
  const simulator = new SimulatorClient();
  const receiver = new OtlpReceiver();
  let pipeline: Pipeline;

  beforeAll(async () => {
    const endpoint = await receiver.start();
    pipeline = await Pipeline.start(
      e2eEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
      }),
    );
    await watcher.start();
  });
  afterAll(async () => {
    await watcher.stop();
    await pipeline?.stop();
    await probe.close();
    await receiver.stop();
  });

  it('exports ingest, templating, compliance, dispatch with the submit, and receipts as one trace, parented hop by hop, and no PII in any span', async () => {
    const phone = frenchMobile(randomInt(1, 10_000_000));
    const firstName = `Zéphyrine${randomInt(1000, 9999)}`;
    const eventId = `e2e-trace-${randomUUID()}`;
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const order = {
      orderId: String(randomInt(100000, 999999)),
      customer: { id: 'c-trace', firstName, phone, locale: 'fr-FR' },
      total: { amount: '49.90', currency: 'EUR' },
    };
    await probe.produceRaw(Topics.OrderPlaced, [
      {
        key: eventId,
        value: JSON.stringify(order),
        headers: {
          [CeHeader.id]: eventId,
          [CeHeader.type]: Topics.OrderPlaced,
          [CeHeader.source]: 'e2e/shop',
          [CeHeader.time]: new Date().toISOString(),
          [CeHeader.specversion]: '1.0',
          [TRACEPARENT_HEADER]: `00-${traceId}-${callerSpanId}-01`,
          'content-type': 'application/json',
        },
      },
    ]);

    // An OTP alongside (its own trace), so the PII scan below also looks for a code and its SMS.
    const otpPhone = frenchMobile(randomInt(1, 10_000_000));
    const otpCode = `Q${randomBytes(4).toString('hex').toUpperCase()}Z`;
    const otpEventId = await probe.publishEvent(
      Topics.AuthOtpRequested,
      { customer: { id: 'c-otp', phone: otpPhone, locale: 'fr-FR' }, otp: { code: otpCode, purpose: 'login' } },
      { id: `e2e-trace-otp-${randomUUID()}`, source: 'e2e/shop' },
    );

    const messageId = await waitFor('the message of the order', () => watcher.messagesOf(eventId)[0], 90_000, 200);
    const expected = [
      'order.placed process',
      'templating render',
      'compliance decide',
      'carrier submit',
      'receipts apply status',
    ];
    const spans = await waitFor(
      'the trace to hold every stage',
      () => {
        const t = receiver.trace(traceId);
        const submitted = t.some((s) => s.name === 'receipts apply status' && attr(s, 'herald.status') === 'submitted');
        return expected.every((name) => t.some((s) => s.name === name)) && submitted ? t : undefined;
      },
      90_000,
      200,
    );
    expect(receiver.refused).toEqual([]);

    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const one = (service: string, name: string) => {
      const found = spans.filter((s) => s.service === service && s.name === name);
      expect({ service, name, count: found.length }).toEqual({ service, name, count: 1 });
      return found[0];
    };
    const parentOf = (s: ExportedSpan) => (s.parentSpanId ? byId.get(s.parentSpanId) : undefined);

    // Each hop: the consumer's process span is the child of the producer span whose context its record carried.
    const ingest = one('event-ingest', `${Topics.OrderPlaced} process`);
    expect(ingest.parentSpanId).toBe(callerSpanId);
    expect(ingest.kind).toBe(SPAN_KIND.consumer);
    const hops: Array<[string, string, string]> = [
      ['event-ingest', 'templating', Topics.SmsRequestedV1],
      ['templating', 'compliance', Topics.SmsRenderedV1],
      ['compliance', 'dispatch', Topics.SmsApprovedV1],
    ];
    let upstream = ingest;
    for (const [from, to, topic] of hops) {
      const publish = one(from, `${topic} publish`);
      expect({ topic, kind: publish.kind, parent: parentOf(publish)?.spanId }).toEqual({
        topic,
        kind: SPAN_KIND.producer,
        parent: upstream.spanId,
      });
      const process = one(to, `${topic} process`);
      expect({ topic, kind: process.kind, parent: parentOf(process)?.spanId }).toEqual({
        topic,
        kind: SPAN_KIND.consumer,
        parent: publish.spanId,
      });
      upstream = process;
    }
    const dispatch = upstream;

    // Herald's own spans, each under its service's process span.
    const render = one('templating', 'templating render');
    expect(parentOf(render)?.name).toBe(`${Topics.SmsRequestedV1} process`);
    expect(attr(render, 'herald.message_id')).toBe(messageId);
    expect(Number(attr(render, 'herald.sms.segments'))).toBeGreaterThanOrEqual(1);
    const decide = one('compliance', 'compliance decide');
    expect(parentOf(decide)?.name).toBe(`${Topics.SmsRenderedV1} process`);
    expect(attr(decide, 'herald.compliance.outcome')).toBe('approved');
    const submit = one('dispatch', 'carrier submit');
    expect(submit.kind).toBe(SPAN_KIND.internal);
    expect(parentOf(submit)?.spanId).toBe(dispatch.spanId);
    expect(attr(submit, 'herald.carrier.id')).toEqual(expect.any(String));
    expect(Number(attr(submit, 'herald.sms.segments'))).toBeGreaterThanOrEqual(1);
    expect(attr(submit, 'herald.carrier.outcome')).toBe('submitted');

    // The submitted status goes from dispatch to receipts in the same trace.
    const statusPublish = spans.find(
      (s) =>
        s.service === 'dispatch' &&
        s.name === `${Topics.SmsStatusV1} publish` &&
        parentOf(s)?.spanId === dispatch.spanId,
    );
    expect(statusPublish).toBeDefined();
    const receipts = spans.filter(
      (s) => s.service === 'receipts' && s.name === 'receipts apply status' && attr(s, 'herald.status') === 'submitted',
    );
    expect(receipts).toHaveLength(1);
    const receiptsProcess = parentOf(receipts[0]);
    expect({ name: receiptsProcess?.name, parent: receiptsProcess?.parentSpanId }).toEqual({
      name: `${Topics.SmsStatusV1} process`,
      parent: statusPublish!.spanId,
    });

    // Every span of the trace hangs off another one of it, up to the caller's span.
    expect(spans.filter((s) => s.parentSpanId !== callerSpanId && !byId.has(s.parentSpanId ?? ''))).toEqual([]);
    // The maintained pg instrumentation adds the statements of a record's work to its trace.
    expect(
      spans.some(
        (s) =>
          s.service === 'dispatch' &&
          (attr(s, 'db.system.name') === 'postgresql' || attr(s, 'db.system') === 'postgresql'),
      ),
    ).toBe(true);

    // The maintained HTTP instrumentation: a lookup by number is a SERVER span whose query (the number) is redacted.
    const lookup = await fetch(pipeline.url('receipts', `/v1/messages?recipient=${encodeURIComponent(phone)}`), {
      headers: { authorization: 'Bearer e2e-receipts-key-0123456789' },
    });
    expect(lookup.status).toBe(200);
    expect(
      ((await lookup.json()) as { messages: Array<{ messageId: string }> }).messages.map((m) => m.messageId),
    ).toContain(messageId);
    const server = await waitFor(
      'the SERVER span of the lookup',
      () =>
        receiver.spans.find(
          (s) => s.service === 'receipts' && s.kind === SPAN_KIND.server && attr(s, 'url.path') === '/v1/messages',
        ),
      30_000,
      200,
    );
    expect({
      method: attr(server, 'http.request.method'),
      status: Number(attr(server, 'http.response.status_code')),
      query: attr(server, 'url.query'),
    }).toEqual({ method: 'GET', status: 200, query: 'REDACTED' });

    // No PII in anything exported during the run: the numbers in any form, the name, the OTP, the SMS bodies.
    const otpMessageId = await waitFor('the message of the OTP', () => watcher.messagesOf(otpEventId)[0], 60_000, 200);
    await waitFor(
      "the OTP's carrier submit span",
      () =>
        receiver.spans.some((s) => s.name === 'carrier submit' && attr(s, 'herald.message_id') === otpMessageId) ||
        undefined,
      60_000,
      200,
    );
    const [sent] = await simulator.submits({ reference: messageId });
    const [otpSent] = await simulator.submits({ reference: otpMessageId });
    const body = String(sent?.text ?? '');
    const otpBody = String(otpSent?.text ?? '');
    expect(body).toContain(firstName);
    expect(otpBody).toContain(otpCode);
    const numberForms = (e164: string) => {
      const national = `0${e164.slice(3)}`;
      return [e164, e164.slice(1), national, e164.slice(3), national.replace(/(\d{2})(?=\d)/g, '$1 '), e164.slice(-8)];
    };
    const forms = [...numberForms(phone), ...numberForms(otpPhone), firstName, body, otpCode, otpBody];
    const everything = receiver.bodies.join('\n');
    expect(forms.filter((f) => everything.includes(f))).toEqual([]);
  }, 150_000);
});
