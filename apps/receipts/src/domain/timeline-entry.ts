import type { TimelineEntry } from './message-record';

/** One element of `messages.timeline`: what support staff see, plus the key that makes a redelivery add nothing. */
export type StoredTimelineEntry = Omit<TimelineEntry, 'messageId'> & { recordedAt: string };

/** Entries beyond this (a carrier repeating distinct DLRs forever) are counted, not stored. */
export const TIMELINE_CAP = 100;

export function toStoredEntry(e: TimelineEntry, recordedAt: string): StoredTimelineEntry {
  const { messageId: _messageId, ...rest } = e;
  const stored = { ...rest, recordedAt } as StoredTimelineEntry;
  for (const [k, v] of Object.entries(stored)) if (v === undefined) delete (stored as Record<string, unknown>)[k];
  return stored;
}
