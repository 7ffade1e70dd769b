import type { HeraldLogger } from '@herald/observability';
import { PeriodicTask } from '@herald/service-kit';

export interface LivenessDeps {
  registry: { beat(owner: string): Promise<void>; leave(owner: string): Promise<void> };
  owner: string;
  logger: HeraldLogger;
  everyMs: number;
  now?: () => number;
}

/**
 * Announces this process in the `processes` table every `everyMs`, on its own loop (a produce
 * waiting for the broker never delays it), and knows since when its beats have gone through
 * without a gap. Another process's silence only means it died when this one was itself beating all
 * along: right after a database outage, or right after start, every heartbeat looks old.
 */
export class ProcessLiveness {
  private readonly task: PeriodicTask;
  /** Both set by a beat that went through; `healthySince` cleared by a failed one. */
  private healthySince?: number;
  private lastBeatAt = 0;
  private readonly now: () => number;

  constructor(private readonly d: LivenessDeps) {
    this.now = d.now ?? Date.now;
    this.task = new PeriodicTask({
      everyMs: d.everyMs,
      run: () => this.beat(),
      onError: (e) => {
        this.healthySince = undefined;
        d.logger.warn({ err: (e as Error).message }, 'process heartbeat not written; retrying');
      },
    });
  }

  /** The first beat at once, then every `everyMs`. */
  start(): void {
    this.task.start(0);
  }

  /** Stops beating and removes this process's row: it is gone, whatever it left open is an orphan. */
  async stop(): Promise<void> {
    await this.task.stop();
    this.healthySince = undefined;
    await this.d.registry
      .leave(this.d.owner)
      .catch((e: unknown) => this.d.logger.warn({ err: (e as Error).message }, 'process row not removed'));
  }

  /** One heartbeat now, through the loop (a failure is logged, not thrown); tests drive it directly. */
  tick(): Promise<void> {
    return this.task.runNow();
  }

  /** How long this process's heartbeats have gone through without a failure or a gap (0: not now). */
  healthyForMs(): number {
    const now = this.now();
    if (this.healthySince === undefined || now - this.lastBeatAt > this.maxGapMs()) return 0;
    return now - this.healthySince;
  }

  private async beat(): Promise<void> {
    await this.d.registry.beat(this.d.owner);
    const at = this.now();
    // A beat that hung (a database that did not answer) is a gap, like a failed one.
    if (this.healthySince === undefined || at - this.lastBeatAt > this.maxGapMs()) this.healthySince = at;
    this.lastBeatAt = at;
  }

  private maxGapMs(): number {
    return 3 * this.d.everyMs;
  }
}
