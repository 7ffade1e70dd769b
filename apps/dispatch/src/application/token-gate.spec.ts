import { systemClock } from '@herald/service-kit';
import { TokenGate } from './token-gate';

describe('TokenGate', () => {
  it('lets everything through when the carrier has no MPS limit', async () => {
    const gate = new TokenGate(0, systemClock);
    expect(
      await Promise.all([gate.take(100, 'normal', Date.now() + 10), gate.take(100, 'normal', Date.now() + 10)]),
    ).toEqual([true, true]);
  });

  it('paces segments to the rate and serves high priority first', async () => {
    const gate = new TokenGate(50, systemClock);
    const order: string[] = [];
    const take = (name: string, segments: number, priority: 'high' | 'normal') =>
      gate.take(segments, priority, Date.now() + 5000).then((ok) => ok && order.push(name));
    const started = Date.now();
    await Promise.all([
      take('burst', 50, 'normal'),
      take('n1', 10, 'normal'),
      take('h1', 10, 'high'),
      take('n2', 10, 'normal'),
    ]);
    expect(order).toEqual(['burst', 'h1', 'n1', 'n2']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });

  it('answers false when the deadline comes before the tokens', async () => {
    const gate = new TokenGate(1, systemClock);
    await gate.take(1, 'normal', Date.now() + 1000);
    expect(await gate.take(1, 'normal', Date.now() + 50)).toBe(false);
    expect(gate.waiting).toBe(0);
  });

  it('lets a waiting message go at once when the shutdown signal aborts, and keeps the queue consistent', async () => {
    const gate = new TokenGate(1, systemClock);
    await gate.take(1, 'normal', Date.now() + 60000);
    const shutdown = new AbortController();
    const waiting = gate.take(1, 'normal', Date.now() + 60000, shutdown.signal);
    shutdown.abort();
    // Resolves long before the 60 s deadline (Jest's 5 s timeout would fail the test otherwise).
    expect(await waiting).toBe(false);
    expect(gate.waiting).toBe(0);
    expect(await gate.take(1, 'normal', Date.now() + 60000, shutdown.signal)).toBe(false);
  });
});
