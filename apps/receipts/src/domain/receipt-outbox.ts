import type { SmsReceiptV1 } from '@herald/contracts';

/**
 * A public receipt committed with its message row, produced only after the commit. `src` names what
 * caused it: the consumed record's position (`topic:partition:offset`), or `sweep` for a timeout.
 */
export interface OutboxEntry {
  /** The receipt's CloudEvent id: stable per transition, so a re-produce is recognisable. */
  id: string;
  src: string;
  receipt: SmsReceiptV1;
}

export const SWEEP_SOURCE = 'sweep';

export function recordSource(topic: string, partition: number, offset: string): string {
  return `${topic}:${partition}:${offset}`;
}

/**
 * The outbox a row keeps: entries this process has not seen acked yet (another replica's, or one
 * whose produce a crash cut short), then the new ones. A row never holds more entries than its
 * message has transitions.
 */
export function keptOutbox(
  existing: readonly OutboxEntry[],
  added: readonly OutboxEntry[],
  produced: (id: string) => boolean,
): OutboxEntry[] {
  const kept = existing.filter((e) => !produced(e.id) && !added.some((a) => a.id === e.id));
  return [...kept, ...added];
}

/**
 * A record consumed again was not committed on the input topic, so the receipts it caused may never
 * have been produced: they go out again with the same ids. A duplicate event (another offset) finds
 * none, and the monotonic machine gives it no new transition, hence no new receipt.
 */
export function replayedBy(
  outbox: readonly OutboxEntry[],
  src: string,
  produced: (id: string) => boolean,
): OutboxEntry[] {
  return outbox.filter((e) => e.src === src && !produced(e.id));
}
