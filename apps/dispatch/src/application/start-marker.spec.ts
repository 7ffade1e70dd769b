import type { HeraldLogger } from '@herald/observability';
import type { StartRow } from '../adapters/send-ledger.repository';
import { StartMarker, type StartStore } from './start-marker';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as HeraldLogger;

class FakeStore implements StartStore {
  readonly calls: string[][] = [];
  failures = 0;
  lost = new Set<string>();
  async markStarted(starts: readonly StartRow[]): Promise<Set<string>> {
    const ids = starts.map((s) => s.messageId);
    this.calls.push(ids);
    if (this.failures-- > 0) throw new Error('connection refused');
    return new Set(ids.filter((id) => !this.lost.has(id)));
  }
}

describe('StartMarker (start marks in micro-batches)', () => {
  it('marks every message of one event-loop turn with one write, before any of them resolves', async () => {
    const store = new FakeStore();
    const marker = new StartMarker(store, silent, new AbortController().signal);
    const results = await Promise.all(['a', 'b', 'c'].map((id) => marker.mark({ messageId: id })));
    expect(results).toEqual([true, true, true]);
    expect(store.calls).toEqual([['a', 'b', 'c']]);
  });

  it('answers false for a claim another owner took over, so it is not sent from here', async () => {
    const store = new FakeStore();
    store.lost.add('b');
    const marker = new StartMarker(store, silent, new AbortController().signal);
    expect(await Promise.all([marker.mark({ messageId: 'a' }), marker.mark({ messageId: 'b' })])).toEqual([
      true,
      false,
    ]);
  });

  it('gathers marks arriving during a write into the next write', async () => {
    const store = new FakeStore();
    const marker = new StartMarker(store, silent, new AbortController().signal);
    const first = marker.mark({ messageId: 'a' });
    await new Promise((r) => setImmediate(r));
    const later = [marker.mark({ messageId: 'b' }), marker.mark({ messageId: 'c' })];
    expect(await Promise.all([first, ...later])).toEqual([true, true, true]);
    expect(store.calls).toEqual([['a'], ['b', 'c']]);
  });

  it('retries a failed write (nothing was sent meanwhile) and gives up only at shutdown', async () => {
    const store = new FakeStore();
    store.failures = 2;
    const marker = new StartMarker(store, silent, new AbortController().signal, 5);
    expect(await marker.mark({ messageId: 'a' })).toBe(true);
    expect(store.calls).toHaveLength(3);

    const down = new FakeStore();
    down.failures = Number.POSITIVE_INFINITY;
    const controller = new AbortController();
    const held = new StartMarker(down, silent, controller.signal, 5).mark({ messageId: 'x' });
    await new Promise((r) => setTimeout(r, 30));
    controller.abort();
    expect(await held).toBe(false);
  });
});
