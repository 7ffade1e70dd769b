import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeraldLogger } from '../logging/create-logger';
import type { OtlpTraceRequest } from './otlp-json';
import { OtlpTraceExporter, type OtlpTraceExporterOptions } from './otlp-trace-exporter';
import { SpanKind, type SpanData } from './span-data';

interface Post {
  path: string;
  contentType: string | undefined;
  body: OtlpTraceRequest;
}

type Answer = (res: ServerResponse) => void;

/** A stand-in OTLP collector: records each post, answers with `answer` (default 200). */
async function collector(answer: Answer = (res) => res.end('{}')): Promise<{ url: string; posts: Post[]; server: Server }> {
  const posts: Post[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      answer(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts, server };
}

const span = (i: number): SpanData => ({
  traceId: i.toString(16).padStart(32, '0'),
  spanId: (i + 1).toString(16).padStart(16, '0'),
  name: 'sms.status.v1 publish',
  kind: SpanKind.Producer,
  startTimeMs: 1000,
  endTimeMs: 1005,
  attributes: {},
});

const spansOf = (posts: Post[]) => posts.flatMap((p) => p.body.resourceSpans[0].scopeSpans[0].spans);
const logger = () => ({ warn: jest.fn() }) as unknown as HeraldLogger & { warn: jest.Mock };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OtlpTraceExporter', () => {
  const servers: Server[] = [];
  const exporters: OtlpTraceExporter[] = [];
  afterEach(async () => {
    await Promise.all(exporters.splice(0).map((e) => e.shutdown()));
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r).closeAllConnections())));
  });

  function start(opts: Partial<OtlpTraceExporterOptions> & { endpoint: string }): OtlpTraceExporter {
    const exporter = new OtlpTraceExporter({ resource: { serviceName: 'test' }, logger: logger(), intervalMs: 60_000, ...opts });
    exporters.push(exporter);
    return exporter;
  }

  it('posts OTLP/JSON to <endpoint>/v1/traces in batches of at most maxBatchSize', async () => {
    const c = await collector();
    servers.push(c.server);
    const exporter = start({ endpoint: `${c.url}/`, maxBatchSize: 3 });
    for (let i = 1; i <= 7; i++) exporter.add(span(i));
    await exporter.shutdown();
    expect(c.posts.map((p) => p.path)).toEqual(c.posts.map(() => '/v1/traces'));
    expect(c.posts.every((p) => p.contentType === 'application/json')).toBe(true);
    expect(c.posts.every((p) => spansOf([p]).length <= 3)).toBe(true);
    expect(spansOf(c.posts).map((s) => s.spanId)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => span(i).spanId));
    expect(c.posts[0].body.resourceSpans[0].resource.attributes).toEqual([{ key: 'service.name', value: { stringValue: 'test' } }]);
  });

  it('sends a partial batch when the interval passes', async () => {
    const c = await collector();
    servers.push(c.server);
    const exporter = start({ endpoint: c.url, intervalMs: 50 });
    exporter.add(span(1));
    exporter.add(span(2));
    for (let i = 0; i < 100 && c.posts.length === 0; i++) await sleep(20);
    expect(spansOf(c.posts)).toHaveLength(2);
  });

  it('drops and counts spans beyond the queue bound while the collector is slow, and never throws', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const c = await collector((res) => void released.then(() => res.end('{}')));
    servers.push(c.server);
    const exporter = start({ endpoint: c.url, maxBatchSize: 1, maxQueueSize: 10 });
    exporter.add(span(0));
    for (let i = 1; i <= 15; i++) expect(() => exporter.add(span(i))).not.toThrow();
    expect(exporter.dropped).toBe(5);
    release();
    await exporter.shutdown();
    expect(spansOf(c.posts)).toHaveLength(11);
  });

  it('drops a batch the collector refuses and warns at most once a minute', async () => {
    const c = await collector((res) => {
      res.statusCode = 503;
      res.end();
    });
    servers.push(c.server);
    let now = 0;
    const log = logger();
    const exporter = start({ endpoint: c.url, maxBatchSize: 1, logger: log, clock: () => now });
    for (let i = 0; i < 3; i++) exporter.add(span(i));
    await exporter.shutdown();
    expect(c.posts).toHaveLength(3);
    expect(exporter.dropped).toBe(3);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0][0]).toMatchObject({ failures: 1, collector: c.url });
    now = 61_000;
    exporter.add(span(9));
    await exporter.shutdown();
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn.mock.calls[1][0]).toMatchObject({ failures: 3, droppedSpans: 4 });
  });

  it('survives a collector that is not there', async () => {
    const c = await collector();
    await new Promise((r) => c.server.close(r));
    const log = logger();
    const exporter = start({ endpoint: c.url, logger: log });
    exporter.add(span(1));
    await expect(exporter.shutdown()).resolves.toBeUndefined();
    expect(exporter.dropped).toBe(1);
    expect(log.warn).toHaveBeenCalledTimes(1);
  });
});
