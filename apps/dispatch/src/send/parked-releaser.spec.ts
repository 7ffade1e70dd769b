import type { HeraldLogger } from '@herald/observability';
import type { DueRow } from '../adapters/send-ledger.repository';
import { ParkedReleaser } from './parked-releaser';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as HeraldLogger;
const row = (n: number): DueRow => ({ messageId: `m${n}`, payload: null, meta: {} as never, parks: 1, attempts: 0 });

describe('ParkedReleaser', () => {
  it('claims one chunk per tick and hands it to the dispatcher; nothing due, nothing dispatched', async () => {
    const due = [[row(1), row(2)], []];
    const dispatched: string[][] = [];
    const releaser = new ParkedReleaser({
      claimDue: async () => due.shift() ?? [],
      dispatchDue: async (rows) => void dispatched.push(rows.map((r) => r.messageId)),
      logger: silent, pollMs: 10_000, batchSize: 10,
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
      logger: silent, pollMs: 5, batchSize: 2,
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
