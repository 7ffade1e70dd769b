import type { HeraldLogger } from '@herald/observability';
import { ProcessLiveness } from './process-liveness';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as HeraldLogger;

function setup() {
  let now = 1_000_000;
  const beats: string[] = [];
  const left: string[] = [];
  let fail = false;
  const liveness = new ProcessLiveness({
    registry: {
      beat: async (owner) => {
        if (fail) throw new Error('connection refused');
        beats.push(owner);
      },
      leave: async (owner) => void left.push(owner),
    },
    owner: 'o1',
    logger: silent,
    everyMs: 5000,
    now: () => now,
  });
  const beat = () => liveness.tick();
  return {
    liveness,
    beats,
    left,
    beat,
    advance: (ms: number) => (now += ms),
    failing: (f: boolean) => (fail = f),
  };
}

describe('ProcessLiveness', () => {
  it('counts healthy time from the first beat that went through', async () => {
    const t = setup();
    expect(t.liveness.healthyForMs()).toBe(0);
    await t.beat();
    t.advance(4000);
    await t.beat();
    t.advance(4000);
    expect(t.liveness.healthyForMs()).toBe(8000);
    expect(t.beats).toEqual(['o1', 'o1']);
  });

  it('starts counting again after a failed beat (a database outage)', async () => {
    const t = setup();
    await t.beat();
    t.advance(5000);
    await t.beat();
    t.failing(true);
    t.advance(5000);
    await t.beat();
    expect(t.liveness.healthyForMs()).toBe(0);
    t.failing(false);
    t.advance(5000);
    await t.beat();
    t.advance(2000);
    expect(t.liveness.healthyForMs()).toBe(2000);
  });

  it('treats a beat that came long after the last one as a gap (a hung query, a blocked loop)', async () => {
    const t = setup();
    await t.beat();
    t.advance(5000);
    await t.beat();
    t.advance(20_000);
    expect(t.liveness.healthyForMs()).toBe(0);
    await t.beat();
    t.advance(1000);
    expect(t.liveness.healthyForMs()).toBe(1000);
  });

  it('removes its row on stop and counts nothing after', async () => {
    const t = setup();
    await t.beat();
    t.advance(3000);
    await t.liveness.stop();
    expect(t.left).toEqual(['o1']);
    expect(t.liveness.healthyForMs()).toBe(0);
  });
});
