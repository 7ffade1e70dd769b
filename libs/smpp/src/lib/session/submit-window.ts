/**
 * At most `capacity` requests in flight; the rest wait in FIFO order. Pure bookkeeping: the
 * session decides what "send" means.
 */
export class SubmitWindow<T> {
  private active = 0;
  private queue: T[] = [];
  private head = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`window size must be a positive integer, got ${capacity}`);
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  /** True when a slot was taken and the item may be sent now; false when it was queued. */
  offer(item: T): boolean {
    if (this.active < this.capacity && this.queued === 0) {
      this.active++;
      return true;
    }
    this.queue.push(item);
    return false;
  }

  /** Frees a slot; returns the next queued item, which now holds that slot. */
  release(): T | undefined {
    if (this.active > 0) this.active--;
    if (this.queued === 0 || this.active >= this.capacity) return undefined;
    const next = this.queue[this.head];
    this.queue[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.active++;
    return next;
  }

  /** Empties the queue (items never sent) and forgets in-flight slots. */
  clear(): T[] {
    const waiting = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    this.active = 0;
    return waiting;
  }
}
