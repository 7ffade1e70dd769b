/**
 * Age of the oldest unconsumed record, estimated from log-end offsets sampled over time (the way
 * Burrow and kminion do it): the record at the committed offset was appended no later than the
 * first sample whose log end had passed it. Resolution is the sampling interval; no record fetch.
 */
export class LogEndHistory {
  private readonly samples: Array<{ logEnd: number; at: number }> = [];

  constructor(private readonly maxSamples = 720) {}

  record(logEnd: number, at: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && last.logEnd === logEnd) return;
    this.samples.push({ logEnd, at });
    if (this.samples.length > this.maxSamples) this.samples.shift();
  }

  /** Seconds since the record at `committed` was appended; 0 when nothing waits. */
  ageSeconds(committed: number, logEnd: number, now: number): number {
    if (committed >= logEnd) return 0;
    const first = this.samples.find((s) => s.logEnd > committed);
    const since = first ? first.at : (this.samples[0]?.at ?? now);
    return Math.max(0, (now - since) / 1000);
  }
}
