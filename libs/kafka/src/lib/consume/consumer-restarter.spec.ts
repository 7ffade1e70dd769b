import { ConsumerRestarter, type RestarterDeps } from './consumer-restarter';

function harness(startFailures: number) {
  const calls: string[] = [];
  const delays: number[] = [];
  let failuresLeft = startFailures;
  const deps: RestarterDeps = {
    stop: async () => void calls.push('stop'),
    start: async () => {
      calls.push('start');
      if (failuresLeft-- > 0) throw new Error('broker unavailable');
    },
    sleep: async (ms) => void delays.push(ms),
    retry: { initialDelayMs: 200, blockedMaxDelayMs: 30000 },
    onAttemptFailed: () => calls.push('failed'),
  };
  return { restarter: new ConsumerRestarter(deps), calls, delays };
}

describe('ConsumerRestarter', () => {
  it('leaves a crash kafkajs restarts itself alone', async () => {
    const { restarter, calls } = harness(0);
    await restarter.onCrash(true);
    expect(calls).toEqual([]);
  });

  it('starts a new consumer after a crash kafkajs gives up on', async () => {
    const { restarter, calls } = harness(0);
    await restarter.onCrash(false);
    expect(calls).toEqual(['stop', 'start']);
  });

  it('keeps trying while the broker is away, with backoff capped at the blocked cap', async () => {
    const { restarter, calls, delays } = harness(12);
    await restarter.onCrash(false);
    expect(calls.filter((c) => c === 'start')).toHaveLength(13);
    expect(calls.filter((c) => c === 'failed')).toHaveLength(12);
    expect(Math.max(...delays)).toBeLessThanOrEqual(30000);
    expect(delays[delays.length - 1]).toBeGreaterThanOrEqual(15000);
  });

  it('runs one restart at a time when crashes pile up', async () => {
    const { restarter, calls } = harness(0);
    await Promise.all([restarter.onCrash(false), restarter.onCrash(false)]);
    expect(calls).toEqual(['stop', 'start']);
  });

  it('does not restart once the service is shutting down', async () => {
    const { restarter, calls } = harness(0);
    restarter.stop();
    await restarter.onCrash(false);
    expect(calls).toEqual([]);
  });
});
