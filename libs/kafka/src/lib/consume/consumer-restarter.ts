import type { RetryOptions } from '../kafka-options';
import { backoffDelay } from './backoff';

export interface RestarterDeps {
  /** Leaves the group and closes the crashed consumer; its errors are ignored. */
  stop: () => Promise<void>;
  /** Creates, connects, subscribes and runs a new consumer. */
  start: () => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  retry: Pick<RetryOptions, 'initialDelayMs' | 'blockedMaxDelayMs'>;
  onAttemptFailed: (attempt: number, error: unknown) => void;
}

/**
 * kafkajs gives up on a consumer after a crash it judges non-retriable (e.g. "Failed to find group
 * coordinator" after a broker outage longer than its retries): the event says `restart: false` and
 * the process would stay up consuming nothing. An unavailable broker is waited for, never a reason
 * to stop, so the consumer is started again with capped backoff until it runs.
 */
export class ConsumerRestarter {
  private restarting?: Promise<void>;
  private stopped = false;

  constructor(private readonly deps: RestarterDeps) {}

  onCrash(kafkajsRestarts: boolean): Promise<void> | undefined {
    if (kafkajsRestarts || this.stopped || this.restarting) return this.restarting;
    this.restarting = this.restart().finally(() => (this.restarting = undefined));
    return this.restarting;
  }

  /** Shutdown: no restart is started any more, and one under way ends at its next attempt. */
  stop(): void {
    this.stopped = true;
  }

  private async restart(): Promise<void> {
    const { stop, start, sleep, retry, onAttemptFailed } = this.deps;
    const delays = {
      maxAttempts: Infinity,
      initialDelayMs: retry.initialDelayMs,
      maxDelayMs: retry.blockedMaxDelayMs,
      blockedMaxDelayMs: retry.blockedMaxDelayMs,
    };
    for (let attempt = 1; !this.stopped; attempt++) {
      await stop().catch(() => undefined);
      await sleep(backoffDelay(attempt, delays));
      if (this.stopped) return;
      try {
        await start();
        return;
      } catch (e) {
        onAttemptFailed(attempt, e);
      }
    }
  }
}
