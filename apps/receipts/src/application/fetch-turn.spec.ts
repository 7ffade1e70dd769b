import { FetchTurn } from './fetch-turn';

describe('FetchTurn', () => {
  const runs: Array<[string[], number[]]> = [];
  let fail: (first: readonly string[], second: readonly number[]) => Error | undefined;
  let deferred: Array<() => void>;
  const turn = () =>
    new FetchTurn<string, number>(
      async (first, second) => {
        runs.push([[...first], [...second]]);
        const e = fail(first, second);
        if (e) throw e;
      },
      (fn) => deferred.push(fn),
    );
  const flush = async () => {
    for (const fn of deferred.splice(0)) fn();
    await new Promise((r) => setImmediate(r));
  };

  beforeEach(() => {
    runs.length = 0;
    fail = () => undefined;
    deferred = [];
  });

  it('runs the two topics of one turn together, the first topic first', async () => {
    const t = turn();
    const a = t.joinFirst(['s1', 's2']);
    const b = t.joinSecond([1]);
    await flush();
    await expect(Promise.all([a, b])).resolves.toBeDefined();
    expect(runs).toEqual([[['s1', 's2'], [1]]]);
  });

  it('runs a turn with one topic alone, and a later call in a turn of its own', async () => {
    const t = turn();
    const a = t.joinFirst(['s1']);
    await flush();
    await a;
    const b = t.joinSecond([2]);
    await flush();
    await b;
    expect(runs).toEqual([
      [['s1'], []],
      [[], [2]],
    ]);
  });

  it('runs a failed joined turn again apart, so a poison record of one topic fails only its own batch', async () => {
    const t = turn();
    fail = (_first, second) => (second.includes(13) ? new Error('poison DLR') : undefined);
    const a = expect(t.joinFirst(['s1'])).resolves.toBeUndefined();
    const b = expect(t.joinSecond([13])).rejects.toThrow('poison DLR');
    await flush();
    await Promise.all([a, b]);
    expect(runs).toEqual([
      [['s1'], [13]],
      [['s1'], []],
      [[], [13]],
    ]);
  });

  it('fails both callers when the dependency is down for both', async () => {
    const t = turn();
    fail = () => new Error('database down');
    const a = expect(t.joinFirst(['s1'])).rejects.toThrow('database down');
    const b = expect(t.joinSecond([1])).rejects.toThrow('database down');
    await flush();
    await Promise.all([a, b]);
  });
});
