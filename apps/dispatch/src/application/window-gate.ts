interface Waiter {
  slots: number;
  resolve(ok: boolean): void;
}

/**
 * A carrier's submit window held on dispatch's side: a message takes its slots before its start is
 * recorded, and gives them back when the carrier answered. The connection's own window then never
 * queues a submit, so "started" rows are at most one window: after a crash, only those can be
 * ambiguous. FIFO; resolves false at the deadline or when `signal` aborts.
 */
export class WindowGate {
  private used = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`window capacity must be a positive integer, got ${capacity}`);
  }

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** `slots` is capped at the capacity, so one long message can always go once the window is empty. */
  take(slots: number, waitMs: number, signal?: AbortSignal): Promise<boolean> {
    const n = Math.max(1, Math.min(slots, this.capacity));
    if (this.queue.length === 0 && this.used + n <= this.capacity) {
      this.used += n;
      return Promise.resolve(true);
    }
    if (signal?.aborted || waitMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(ok);
      };
      const waiter: Waiter = { slots: n, resolve: done };
      const leave = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        done(false);
        this.pump();
      };
      const onAbort = () => leave();
      // A wait can last up to a message's TTL; it must not keep a stopping process alive.
      const timer = setTimeout(leave, waitMs);
      timer.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  give(slots: number): void {
    this.used = Math.max(0, this.used - Math.max(1, Math.min(slots, this.capacity)));
    this.pump();
  }

  private pump(): void {
    for (
      let head = this.queue[0];
      head !== undefined && this.used + head.slots <= this.capacity;
      head = this.queue[0]
    ) {
      this.queue.shift();
      this.used += head.slots;
      head.resolve(true);
    }
  }
}
