import type { Priority } from '@herald/contracts';
import { TokenBucket } from '@herald/rate-limit';
import type { Clock } from '@herald/service-kit';

interface Waiter {
  segments: number;
  deadline: number;
  resolve(ok: boolean): void;
}

/**
 * Queues submits for a carrier's token bucket in arrival order, high-priority messages first
 * (OTPs should not wait behind a promotional burst). Resolves false when the deadline passes first,
 * or at once when `signal` aborts (shutdown: a message still waiting was never sent and is released).
 */
export class TokenGate {
  private readonly bucket?: TokenBucket;
  private readonly lanes: Record<Priority, Waiter[]> = { high: [], normal: [] };
  private timer?: NodeJS.Timeout;

  constructor(
    mpsSegments: number,
    private readonly clock: Clock,
  ) {
    if (mpsSegments > 0) this.bucket = new TokenBucket(mpsSegments, clock.now().getTime());
  }

  take(segments: number, priority: Priority, deadline: number, signal?: AbortSignal): Promise<boolean> {
    if (this.bucket === undefined) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    if (
      this.lanes.high.length + this.lanes.normal.length === 0 &&
      this.bucket.tryTake(segments, this.clock.now().getTime()) === 0
    )
      return Promise.resolve(true);
    return new Promise((resolve) => {
      const lane = this.lanes[priority];
      const onAbort = () => {
        const i = lane.indexOf(waiter);
        if (i >= 0) lane.splice(i, 1);
        resolve(false);
      };
      const waiter: Waiter = {
        segments,
        deadline,
        resolve: (ok) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(ok);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      lane.push(waiter);
      this.pump();
    });
  }

  get waiting(): number {
    return this.lanes.high.length + this.lanes.normal.length;
  }

  private pump(): void {
    if (this.timer !== undefined || this.bucket === undefined) return;
    for (;;) {
      const now = this.clock.now().getTime();
      const lane = this.lanes.high.length > 0 ? this.lanes.high : this.lanes.normal;
      const head = lane[0];
      if (head === undefined) return;
      if (head.deadline <= now) {
        lane.shift();
        head.resolve(false);
        continue;
      }
      const waitMs = this.bucket.tryTake(head.segments, now);
      if (waitMs === 0) {
        lane.shift();
        head.resolve(true);
        continue;
      }
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.pump();
        },
        Math.min(waitMs, Math.max(1, head.deadline - now)),
      );
      return;
    }
  }
}
