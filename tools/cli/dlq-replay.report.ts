/** What replayDlq counts; in a dry run `replayed` is what would have been sent. */
export interface ReplayCounts {
  scanned: number;
  replayed: number;
  byTopic: Record<string, number>;
}

/** A dry run says "would replay N" and never "replayed": nothing was sent. */
export function replayReport(counts: ReplayCounts, dryRun: boolean): { json: Record<string, unknown>; summary: string } {
  const topics = Object.entries(counts.byTopic).map(([topic, n]) => `${topic}: ${n}`).join(', ');
  const tail = `of ${counts.scanned} scanned${topics ? ` (${topics})` : ''}`;
  if (dryRun) {
    return { json: { dryRun: true, scanned: counts.scanned, wouldReplay: counts.replayed, byTopic: counts.byTopic }, summary: `would replay ${counts.replayed} ${tail}; dry run, nothing sent` };
  }
  return { json: { scanned: counts.scanned, replayed: counts.replayed, byTopic: counts.byTopic }, summary: `replayed ${counts.replayed} ${tail}` };
}
