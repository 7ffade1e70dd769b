import { HealthRegistry } from '../health/health-registry';
import { readinessBody } from './readiness-body';

describe('readinessBody (/health/ready)', () => {
  it('answers which checks pass, never the broker or database address of a failure', async () => {
    const health = new HealthRegistry(0);
    health.register({ name: 'database', check: () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432')) });
    health.register({ name: 'kafka-producer', check: async () => true });
    const body = readinessBody(await health.readiness());
    expect(body).toEqual({ ready: false, checks: { database: { ok: false }, 'kafka-producer': { ok: true } } });
    expect(JSON.stringify(body)).not.toContain('10.1.2.3');
  });
});
