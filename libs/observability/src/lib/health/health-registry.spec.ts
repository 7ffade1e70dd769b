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
    expect((await health.readiness()).checks['database']).toEqual({
      ok: false,
      error: 'connect ECONNREFUSED 10.1.2.3:5432',
    });
  });
});
