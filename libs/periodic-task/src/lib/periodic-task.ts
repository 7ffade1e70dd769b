export interface PeriodicTaskOptions {
  /** Milliseconds from the end of one run to the start of the next. */
  everyMs: number;
  /**
   * One run. It may answer the delay before the next one (0: at once, after a full batch); nothing
   * means `everyMs`. The signal aborts when the task stops: a long run checks it between batches.
   */
  run(signal: AbortSignal): Promise<number | void>;
  /** A failed run is reported here (logged), and the task goes on. */
  onError(e: unknown): void;
  /** Delay after a failed run; `everyMs` when absent. */
  retryMs?: number;
}

/**
 * The loop under every scheduler and sweeper: runs never overlap (each is timed from the end of the
 * previous one), a failure is reported and retried, stop() waits for the run in progress. The timer
 * does not keep the process alive.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private abort = new AbortController();
  private started = false;

  constructor(private readonly options: PeriodicTaskOptions) {}

  /** The first run comes after `everyMs` (or after `firstInMs`). */
  start(firstInMs = this.options.everyMs): void {
    if (this.started) return;
    this.started = true;
    this.abort = new AbortController();
    this.schedule(firstInMs);
  }

  /** One run now; a call while a run is in progress waits for that run instead of starting another. */
  async runNow(): Promise<void> {
    await this.runShared();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.abort.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private runShared(): Promise<number> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runOnce(): Promise<number> {
    try {
      const next = await this.options.run(this.abort.signal);
      return typeof next === 'number' ? next : this.options.everyMs;
    } catch (e) {
      this.options.onError(e);
      return this.options.retryMs ?? this.options.everyMs;
    }
  }

  private schedule(ms: number): void {
    if (!this.started) return;
    this.timer = setTimeout(() => void this.runShared().then((next) => this.schedule(next)), ms);
    this.timer.unref();
  }
}
