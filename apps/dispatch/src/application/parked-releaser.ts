import type { HeraldLogger } from '@herald/observability';
import { PeriodicTask } from '@herald/service-kit';
import type { DueRow } from '../adapters/send-ledger.repository';

export interface ReleaserDeps {
  /** Claims due rows (parked, or claims whose lease ran out) for this process. */
  claimDue(limit: number): Promise<DueRow[]>;
  /** Sends them (or ends them expired); resolves once every result is written. */
  dispatchDue(rows: readonly DueRow[]): Promise<void>;
  logger: HeraldLogger;
  pollMs: number;
  batchSize: number;
  /**
   * Slower work started from the same loop (the status outbox sweep, the orphan reconciler, the
   * parked gauge): on the first tick, then at most every `everyMs`, one run at a time, beside the
   * releases (a produce waiting for the broker does not hold them back); a failure is logged and
   * retried next time.
   */
  upkeep?: { everyMs: number; run(): Promise<void> };
  now?: () => number;
}

/**
 * Retries parked messages when due, in the same process as the consumer: every `pollMs` it claims
 * a chunk of due rows in one statement and sends them through the same path as a batch (failover,
 * parking again, `expired` at the TTL). One chunk at a time; a full chunk is followed at once.
 */
export class ParkedReleaser {
  private readonly task: PeriodicTask;
  private lastUpkeep = -Infinity;
  private upkeepRun?: Promise<void>;

  constructor(private readonly d: ReleaserDeps) {
    this.task = new PeriodicTask({
      everyMs: d.pollMs,
      retryMs: Math.max(d.pollMs, 1000),
      run: async () => ((await this.tick()) >= d.batchSize ? 0 : d.pollMs),
      onError: (e) => d.logger.warn({ err: (e as Error).message }, 'parked messages not released; retrying'),
    });
  }

  start(): void {
    this.task.start();
  }

  /** Stops polling and waits for the chunk in progress (the dispatcher's shutdown parks its unsent rows again). */
  async stop(): Promise<void> {
    await Promise.all([this.task.stop(), this.upkeepRun]);
  }

  /** One chunk; returns how many rows it claimed (tests drive it directly). */
  async tick(): Promise<number> {
    this.startUpkeep();
    const rows = await this.d.claimDue(this.d.batchSize);
    if (rows.length > 0) await this.d.dispatchDue(rows);
    return rows.length;
  }

  /** Settles when the upkeep run in progress, if any, ended. */
  upkeepDone(): Promise<void> {
    return this.upkeepRun ?? Promise.resolve();
  }

  private startUpkeep(): void {
    const upkeep = this.d.upkeep;
    const now = (this.d.now ?? Date.now)();
    if (upkeep === undefined || this.upkeepRun !== undefined || now - this.lastUpkeep < upkeep.everyMs) return;
    this.lastUpkeep = now;
    this.upkeepRun = upkeep
      .run()
      .catch((e: unknown) =>
        this.d.logger.warn(
          { err: (e as Error).message },
          'upkeep failed (status outbox sweep, orphan reconciliation or parked gauge); retrying',
        ),
      )
      .finally(() => (this.upkeepRun = undefined));
  }
}
