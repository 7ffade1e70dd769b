import type { Response } from 'express';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health-registry';

describe('HealthRegistry', () => {
  it('runs the checks once per cache interval, concurrent callers included (issue 19)', async () => {
    let t = 0;
    let calls = 0;
    const health = new HealthRegistry(1000, () => t);
    health.register({ name: 'database', check: async () => (calls++, true) });
    await Promise.all([health.readiness(), health.readiness(), health.readiness()]);
    t = 999;
    expect(await health.readiness()).toEqual({ ready: true, checks: { database: { ok: true } } });
    expect(calls).toBe(1);
    t = 1000;
    await health.readiness();
    expect(calls).toBe(2);
  });

  it('keeps the failure reason inside the process', async () => {
    const health = new HealthRegistry(0);
    health.register({ name: 'database', check: () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432')) });
    expect((await health.readiness()).checks['database']).toEqual({ ok: false, error: 'connect ECONNREFUSED 10.1.2.3:5432' });
  });
});

describe('HealthController /health/ready', () => {
  it('answers which checks pass, never the broker or database address of a failure', async () => {
    const health = new HealthRegistry(0);
    health.register({ name: 'database', check: () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432')) });
    health.register({ name: 'kafka-producer', check: async () => true });
    let status = 0;
    let body: unknown;
    const res = { status: (s: number) => ((status = s), res), json: (b: unknown) => ((body = b), res) } as unknown as Response;
    await new HealthController(health, new MetricsRegistry('test')).ready(res);
    expect(status).toBe(503);
    expect(body).toEqual({ ready: false, checks: { database: { ok: false }, 'kafka-producer': { ok: true } } });
    expect(JSON.stringify(body)).not.toContain('10.1.2.3');
  });
});
