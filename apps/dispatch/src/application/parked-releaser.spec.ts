import type { HeraldLogger } from '@herald/observability';
import type { DueRow } from '../adapters/send-ledger.repository';
import { ParkedReleaser } from './parked-releaser';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as HeraldLogger;
const row = (n: number): DueRow => ({
  messageId: `m${n}`,
  payload: null,
  meta: {} as never,
  parks: 1,
  attempts: 0,
  avoid: [],
});

describe('ParkedReleaser', () => {
  it('claims one chunk per tick and hands it to the dispatcher; nothing due, nothing dispatched', async () => {
    const due = [[row(1), row(2)], []];
    const dispatched: string[][] = [];
    const releaser = new ParkedReleaser({
      claimDue: async () => due.shift() ?? [],
      dispatchDue: async (rows) => void dispatched.push(rows.map((r) => r.messageId)),
      logger: silent,
      pollMs: 10_000,
      batchSize: 10,
    });
    expect(await releaser.tick()).toBe(2);
    expect(await releaser.tick()).toBe(0);
    expect(dispatched).toEqual([['m1', 'm2']]);
  });

  it('polls on its own, follows a full chunk at once, keeps going after a failed claim, and stops', async () => {
    let calls = 0;
    const limits: number[] = [];
    const releaser = new ParkedReleaser({
      claimDue: async (limit) => {
        limits.push(limit);
        calls++;
        if (calls === 1) throw new Error('connection refused');
        return calls === 2 ? [row(1), row(2)] : [];
      },
      dispatchDue: async () => undefined,
      logger: silent,
      pollMs: 5,
      batchSize: 2,
    });
    releaser.start();
    await new Promise((r) => setTimeout(r, 1300));
    await releaser.stop();
    const seen = calls;
    expect(seen).toBeGreaterThanOrEqual(3);
    expect(limits.every((l) => l === 2)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(seen);
  });
});

describe('ParkedReleaser upkeep', () => {
  it('starts on the first tick, then at most every everyMs, one run at a time, beside the releases; a failure is logged', async () => {
    let now = 0;
    const warnings: string[] = [];
    const logger = {
      ...silent,
      warn: (_o: unknown, msg: string) => void warnings.push(msg),
    } as unknown as HeraldLogger;
    let runs = 0;
    let finish!: () => void;
    const releaser = new ParkedReleaser({
      claimDue: async () => [row(1)],
      dispatchDue: async () => undefined,
      logger,
      pollMs: 10_000,
      batchSize: 10,
      now: () => now,
      upkeep: {
        everyMs: 5000,
        run: () => {
          runs++;
          if (runs === 2) return Promise.reject(new Error('connection refused'));
          return new Promise<void>((r) => (finish = r));
        },
      },
    });
    expect(await releaser.tick()).toBe(1);
    expect(runs).toBe(1);
    now = 6000;
    expect(await releaser.tick()).toBe(1);
    expect(runs).toBe(1);
    finish();
    await releaser.upkeepDone();
    await releaser.tick();
    await releaser.upkeepDone();
    expect([runs, warnings]).toEqual([
      2,
      ['upkeep failed (status outbox sweep, orphan reconciliation or parked gauge); retrying'],
    ]);
    now = 10_000;
    await releaser.tick();
    expect(runs).toBe(2);
    now = 11_000;
    await releaser.tick();
    expect(runs).toBe(3);
    finish();
    await releaser.stop();
  });
});
