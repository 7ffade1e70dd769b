type Run<A, B> = (first: readonly A[], second: readonly B[]) => Promise<void>;

interface Side<T> {
  items: T[];
  resolve(): void;
  reject(e: unknown): void;
  done: Promise<void>;
}

function newSide<T>(): Side<T> {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { items: [], resolve, reject, done };
}

/**
 * Joins the batches of two topics handed over in the same turn of the event loop (the engine calls
 * each topic's handler of one fetch in the same turn) into one run, the first topic's records
 * first. A joined run that fails is run again as two, first then second, each settling its own
 * caller: a poison record of one topic never fails the other's batch, and an outage fails both.
 */
export class FetchTurn<A, B> {
  private open?: { first: Side<A>; second: Side<B> };

  constructor(
    private readonly run: Run<A, B>,
    private readonly defer: (fn: () => void) => void = (fn) => setImmediate(fn),
  ) {}

  joinFirst(items: readonly A[]): Promise<void> {
    const side = this.current().first;
    for (const item of items) side.items.push(item);
    return side.done;
  }

  joinSecond(items: readonly B[]): Promise<void> {
    const side = this.current().second;
    for (const item of items) side.items.push(item);
    return side.done;
  }

  private current(): { first: Side<A>; second: Side<B> } {
    if (this.open) return this.open;
    const turn = { first: newSide<A>(), second: newSide<B>() };
    this.open = turn;
    this.defer(() => {
      this.open = undefined;
      void this.settle(turn.first, turn.second);
    });
    return turn;
  }

  private async settle(first: Side<A>, second: Side<B>): Promise<void> {
    if (first.items.length > 0 && second.items.length > 0) {
      try {
        await this.run(first.items, second.items);
        first.resolve();
        second.resolve();
        return;
      } catch {
        // Run again apart, so each caller gets its own outcome.
      }
    }
    await this.alone(first, (items) => this.run(items, []));
    await this.alone(second, (items) => this.run([], items));
  }

  private async alone<T>(s: Side<T>, run: (items: T[]) => Promise<void>): Promise<void> {
    if (s.items.length === 0) return s.resolve();
    await run(s.items).then(s.resolve, s.reject);
  }
}
