import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HealthRegistry } from '../health/health-registry';
import { createLogger } from '../logging/create-logger';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { HERALD_TRACER, ObservabilityModule } from '../observability.module';
import { SpanKind } from './span-data';
import { Tracer } from './tracer';

describe('Tracer in a Nest app', () => {
  let server: Server;
  let url: string;
  const bodies: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push(body);
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const contextWith = (tracer?: Tracer) => {
    const logger = createLogger('test', 'silent');
    @Module({ imports: [ObservabilityModule.forRoot({ metrics: new MetricsRegistry(`t${Date.now()}`), health: new HealthRegistry(), logger, tracer })] })
    class Root {}
    return NestFactory.createApplicationContext(Root, { logger: false });
  };

  it('is injected as null when export is off', async () => {
    const ctx = await contextWith();
    expect(ctx.get(HERALD_TRACER)).toBeNull();
    await ctx.close();
  });

  it('sends the spans still queued when the app closes', async () => {
    const tracer = new Tracer({ endpoint: url, serviceName: 'svc', samplerRatio: 1, logger: createLogger('test', 'silent') });
    const ctx = await contextWith(tracer);
    expect(ctx.get(HERALD_TRACER)).toBe(tracer);
    tracer.record({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name: 'x publish', kind: SpanKind.Producer, startTimeMs: 1, endTimeMs: 2, attributes: {} });
    await ctx.close();
    expect(bodies.join()).toContain('"spanId":"bbbbbbbbbbbbbbbb"');
  });
});
