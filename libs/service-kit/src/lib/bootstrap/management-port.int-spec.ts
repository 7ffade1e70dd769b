import net from 'node:net';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { testEnv, uniqueId } from '@herald/testing';
import { BaseServiceConfig } from '../config/base-service.config';
import { loadConfig } from '../config/load-config';
import { createServiceApp, managementUrl } from './bootstrap-service';

@Controller('v1')
class PingController {
  @Get('ping')
  ping(): { pong: true } {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

const MANAGEMENT_PATHS = ['/health/live', '/health/ready', '/metrics'];

/** A service built by the real bootstrap, with one readiness check the test switches. */
async function start(
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; api: string; mgmt: string; dependency: { up: boolean } }> {
  const dependency = { up: true };
  const app = await createServiceApp(
    {
      service: uniqueId('mgmt-port'),
      config: BaseServiceConfig,
      module: (_config, runtime) => {
        runtime.health.register({ name: 'dependency', check: async () => dependency.up });
        return { module: PingModule };
      },
    },
    loadConfig(BaseServiceConfig, testEnv(env)),
  );
  const api = `http://127.0.0.1:${(app.getHttpServer().address() as net.AddressInfo).port}`;
  return { app, api, mgmt: managementUrl(app), dependency };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('management endpoints on their own port (MGMT_PORT, issue 19)', () => {
  let service: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    service = await start();
  });
  afterAll(() => service?.app.close());

  it('answers /health/live, /health/ready and /metrics on MGMT_PORT and 404 for them on the API port', async () => {
    const { api, mgmt } = service;
    expect(new URL(mgmt).port).not.toBe(new URL(api).port);
    expect(await (await fetch(`${api}/v1/ping`)).json()).toEqual({ pong: true });
    for (const path of MANAGEMENT_PATHS) {
      expect({ path, mgmt: (await fetch(`${mgmt}${path}`)).status }).toEqual({ path, mgmt: 200 });
      expect({ path, api: (await fetch(`${api}${path}`)).status }).toEqual({ path, api: 404 });
    }
    expect((await fetch(`${mgmt}/v1/ping`)).status).toBe(404);
  });

  it('serves Prometheus text with the service metrics, and readiness as which checks pass', async () => {
    const metrics = await fetch(`${service.mgmt}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await metrics.text()).toMatch(/^process_cpu_user_seconds_total\{service="mgmt-port-[0-9a-f]{8}"\} /m);
    expect(await (await fetch(`${service.mgmt}/health/ready`)).json()).toEqual({
      ready: true,
      checks: { dependency: { ok: true } },
    });
    expect(await (await fetch(`${service.mgmt}/health/live`)).json()).toEqual({ status: 'ok' });
  });

  it('answers 503 on /health/ready once a check fails (after the 1 s result cache), while staying live', async () => {
    service.dependency.up = false;
    await new Promise((r) => setTimeout(r, 1100));
    const ready = await fetch(`${service.mgmt}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, checks: { dependency: { ok: false } } });
    expect((await fetch(`${service.mgmt}/health/live`)).status).toBe(200);
    service.dependency.up = true;
  });

  it('refuses other methods with 405', async () => {
    const res = await fetch(`${service.mgmt}/metrics`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('the management listener of a service', () => {
  it('listens on the configured MGMT_PORT and is closed with the application', async () => {
    const port = await freePort();
    const { app, mgmt } = await start({ MGMT_PORT: String(port) });
    expect(mgmt).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`${mgmt}/health/live`)).status).toBe(200);
    await app.close();
    await expect(fetch(`${mgmt}/health/live`)).rejects.toThrow();
  });

  it('fails to start, naming the cause, when MGMT_PORT is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    try {
      await expect(start({ MGMT_PORT: String((taken.address() as net.AddressInfo).port) })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });
});
