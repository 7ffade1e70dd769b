import type { Gauge } from 'prom-client';
import type { Dependency } from './failure-class';

const DEPENDENCIES: readonly Dependency[] = ['postgresql', 'kafka'];
const LOG_EVERY_MS = 10_000;

interface Episode {
  dependency: Dependency;
  since: number;
  loggedAt?: number;
}

/**
 * Which batches are waiting for a dependency, and since when. Feeds the blocked-seconds gauge
 * (the oldest waiting batch per dependency), readiness, and the at-most-every-10-s log line.
 */
export class BlockedTracker {
  private readonly episodes = new Map<object, Episode>();

  constructor(
    private readonly gauge: Gauge<'dependency'>,
    private readonly now: () => number,
  ) {
    for (const dependency of DEPENDENCIES) gauge.set({ dependency }, 0);
  }

  /** A batch (the token) failed on `dependency` again. `log` is true at most once per 10 s per batch. */
  failed(token: object, dependency: Dependency): { blockedMs: number; log: boolean } {
    const now = this.now();
    let episode = this.episodes.get(token);
    if (!episode || episode.dependency !== dependency) {
      episode = { dependency, since: episode?.since ?? now };
      this.episodes.set(token, episode);
    }
    const log = episode.loggedAt === undefined || now - episode.loggedAt >= LOG_EVERY_MS;
    if (log) episode.loggedAt = now;
    this.refresh();
    return { blockedMs: now - episode.since, log };
  }

  resolved(token: object): void {
    if (this.episodes.delete(token)) this.refresh();
  }

  /** The longest current block, for readiness; undefined when nothing waits. */
  current(): { dependency: Dependency; seconds: number } | undefined {
    let oldest: Episode | undefined;
    for (const e of this.episodes.values()) if (!oldest || e.since < oldest.since) oldest = e;
    return oldest && { dependency: oldest.dependency, seconds: (this.now() - oldest.since) / 1000 };
  }

  refresh(): void {
    const now = this.now();
    for (const dependency of DEPENDENCIES) {
      let since = Infinity;
      for (const e of this.episodes.values()) if (e.dependency === dependency) since = Math.min(since, e.since);
      this.gauge.set({ dependency }, since === Infinity ? 0 : (now - since) / 1000);
    }
  }
}
