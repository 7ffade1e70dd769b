import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { HealthRegistry } from '../health/health-registry';
import type { MetricsRegistry } from '../metrics/metrics-registry';
import { readinessBody } from './readiness-body';

interface Answer {
  status: number;
  type: string;
  body: string;
}

const json = (status: number, body: unknown): Answer => ({
  status,
  type: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
});

/**
 * /health/live, /health/ready and /metrics on their own listener (MGMT_PORT), never on the public
 * API port: the API's Service and ingress do not route here, while kubelet and Prometheus reach it
 * on the pod address (issue 19). Closed after the API server when the application shuts down, so
 * probes keep answering during the drain.
 */
export class ManagementServer implements OnApplicationShutdown {
  private readonly server: Server;

  constructor(
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsRegistry,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Where a process on this host reaches it (a wildcard bind is reached on loopback). */
  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    const host =
      address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
    return `http://${host}:${port}`;
  }

  onApplicationShutdown(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: Answer;
    try {
      answer = await this.answer(req.method ?? 'GET', new URL(req.url ?? '/', 'http://mgmt').pathname);
    } catch {
      answer = json(500, { error: 'internal error' });
    }
    res.writeHead(answer.status, {
      'content-type': answer.type,
      ...(answer.status === 405 ? { allow: 'GET, HEAD' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  }

  private async answer(method: string, path: string): Promise<Answer> {
    if (path !== '/health/live' && path !== '/health/ready' && path !== '/metrics')
      return json(404, { error: 'not found' });
    if (method !== 'GET' && method !== 'HEAD') return json(405, { error: 'method not allowed' });
    if (path === '/health/live') return json(200, { status: 'ok' });
    if (path === '/metrics')
      return { status: 200, type: this.metrics.registry.contentType, body: await this.metrics.metricsText() };
    const body = readinessBody(await this.health.readiness());
    return json(body.ready ? 200 : 503, body);
  }
}
