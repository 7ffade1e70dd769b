import type { HeraldLogger } from '@herald/observability';
import type { StartRow } from '../adapters/send-ledger.repository';
import { sleep } from './sleep';

/** The ledger call behind the marker: new rows inserted `submitting`, claimed ones this owner holds moved there. */
export interface StartStore {
  markStarted(starts: readonly StartRow[]): Promise<Set<string>>;
}

interface Pending {
  start: StartRow;
  resolve(started: boolean): void;
}

/**
 * Records "the first submit of this message is about to be written" in micro-batches: every
 * message that got its tokens and window slots in the same turn of the event loop is marked by one
 * statement (a new message's row inserted, a claimed one moved), awaited before any of their PDUs is
 * written. One round trip per turn, not per message. Resolves false for a message whose row is
 * another process's (it consumed the same record, or took the claim over): it must not be sent
 * from here. A database outage holds the submits until it is back.
 */
export class StartMarker {
  private queue: Pending[] = [];
  private scheduled = false;
  private running = false;

  constructor(
    private readonly store: StartStore,
    private readonly logger: HeraldLogger,
    private readonly signal: AbortSignal,
    private readonly maxRetryMs = 2000,
  ) {}

  mark(start: StartRow): Promise<boolean> {
    return new Promise((resolve) => {
      this.queue.push({ start, resolve });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.running = true;
    try {
      const started = await this.write(batch.map((p) => p.start));
      for (const p of batch) p.resolve(started.has(p.start.messageId));
    } finally {
      this.running = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private async write(starts: StartRow[]): Promise<Set<string>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.markStarted(starts);
      } catch (e) {
        // Nothing was written to the carrier yet: waiting is safe, and at shutdown a new message
        // has no row (its record is consumed again) and a claimed one stays `claimed`, never ambiguous.
        if (this.signal.aborted) return new Set();
        if (attempt === 1 || attempt % 10 === 0)
          this.logger.warn(
            { err: (e as Error).message, messages: starts.length, attempt },
            'start marks not written; submits wait',
          );
        await sleep(Math.min(this.maxRetryMs, 50 * 2 ** Math.min(attempt, 10)), this.signal);
      }
    }
  }
}
