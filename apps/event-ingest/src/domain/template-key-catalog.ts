/** `unchecked`: the keys could not be read, so the request goes on and templating decides later. */
export type TemplateKeyAnswer = 'known' | 'unknown' | 'unchecked';

/**
 * What ingest knows of templating's active template keys. A key once known is trusted until the
 * next full read drops it; a key not in the list is looked up again (a fresh full read) at most
 * once per `missRefreshMs`, so a template created moments ago is accepted within that time and a
 * caller sending random keys cannot turn every request into a call to templating.
 */
export class TemplateKeyCatalog {
  private keys?: ReadonlySet<string>;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private lastReadOk = false;

  constructor(private readonly missRefreshMs: number) {}

  /** A read of the whole list begins (startup, periodic, or a miss). */
  attempt(nowMs: number): void {
    this.attemptedAt = nowMs;
  }

  /** The read succeeded: the list replaces what was known. */
  replace(keys: Iterable<string>): void {
    this.keys = new Set(keys);
    this.lastReadOk = true;
  }

  /** The read failed: until one succeeds, nothing is refused on a list that may be stale. */
  failed(): void {
    this.lastReadOk = false;
  }

  has(key: string): boolean {
    return this.keys?.has(key) ?? false;
  }

  mayRefreshOnMiss(nowMs: number): boolean {
    return nowMs - this.attemptedAt >= this.missRefreshMs;
  }

  answer(key: string): TemplateKeyAnswer {
    if (this.has(key)) return 'known';
    return this.keys !== undefined && this.lastReadOk ? 'unknown' : 'unchecked';
  }

  get size(): number {
    return this.keys?.size ?? 0;
  }
}
