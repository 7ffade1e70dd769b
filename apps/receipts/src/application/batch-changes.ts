import type { PublishOptions } from '@herald/kafka';
import type { ChangedRow, LoadedMessage } from '../adapters/message.repository';
import type { MessageRecord, TimelineEntry } from '../domain/message-record';
import type { Transition } from '../domain/message-state.machine';
import { publishes, type PublishPolicy } from '../domain/publish-policy';
import { keptOutbox, replayedBy, type OutboxEntry } from '../domain/receipt-outbox';
import { receiptIdFor } from '../domain/receipt.builder';
import { TIMELINE_CAP, toStoredEntry, type StoredTimelineEntry } from '../domain/timeline-entry';
import type { PendingReceipt } from './receipt-emitter';

export interface BatchOptions {
  /** Receipt ids this process has seen acked. */
  produced: (id: string) => boolean;
  policy: PublishPolicy;
  /** `recordedAt` of the timeline entries this batch appends. */
  now: string;
}

/**
 * Everything one batch changes, accumulated in memory: at most one row write per message (none
 * when an event changes nothing, e.g. a redelivery), its new timeline entries appended to the row,
 * its new receipts in the row's outbox. `receipts` are produced after the commit.
 */
export class BatchChanges {
  private readonly records = new Map<string, MessageRecord>();
  private readonly outboxAdded = new Map<string, OutboxEntry[]>();
  private readonly appended = new Map<string, StoredTimelineEntry[]>();
  private readonly queued = new Set<string>();
  /** Every event of the batch, applied or not, redeliveries included. */
  readonly timeline: TimelineEntry[] = [];
  readonly receipts: PendingReceipt[] = [];
  readonly ignored: Array<{ kind: TimelineEntry['kind']; reason: string }> = [];

  constructor(
    private readonly loaded: ReadonlyMap<string, LoadedMessage>,
    private readonly options: BatchOptions,
  ) {}

  /** The freshest version: changed earlier in this batch, else as loaded. */
  current(messageId: string): MessageRecord | undefined {
    return this.records.get(messageId) ?? this.loaded.get(messageId)?.record;
  }

  add(t: Transition, src: string, parent?: PublishOptions['parent']): void {
    const id = t.record.messageId;
    this.records.set(id, t.record);
    this.timeline.push(t.entry);
    this.append(id, t.entry);
    if (t.receipt) {
      if (!publishes(this.options.policy, t.receipt.state)) return;
      const entry: OutboxEntry = { id: receiptIdFor(id, t.receipt.state), src, receipt: t.receipt };
      this.outboxAdded.set(id, [...(this.outboxAdded.get(id) ?? []), entry]);
      this.queue(entry, t.entry.kind, parent);
    } else if (t.entry.ignoredReason) this.ignored.push({ kind: t.entry.kind, reason: t.entry.ignoredReason });
  }

  /** Receipts an earlier run of this very record committed but may not have produced. */
  replay(messageId: string, src: string, parent?: PublishOptions['parent']): void {
    for (const entry of replayedBy(this.loaded.get(messageId)?.outbox ?? [], src, this.options.produced))
      this.queue(entry, 'replay', parent);
  }

  /** Rows to write: new messages, and loaded ones whose state, timeline or outbox changed. */
  changedRows(): ChangedRow[] {
    const rows: ChangedRow[] = [];
    for (const record of this.records.values()) {
      const loaded = this.loaded.get(record.messageId);
      const added = this.outboxAdded.get(record.messageId) ?? [];
      const appended = this.appended.get(record.messageId) ?? [];
      // Acked entries leave the outbox with a write that happens anyway, never with one of their own.
      const changed =
        !loaded || appended.length > 0 || added.length > 0 || canonical(loaded.record) !== canonical(record);
      const outbox = keptOutbox(loaded?.outbox ?? [], added, this.options.produced);
      if (changed) rows.push({ record, outbox, appended });
    }
    return rows;
  }

  private append(messageId: string, entry: TimelineEntry): void {
    const stored = this.loaded.get(messageId)?.timeline ?? [];
    const added = this.appended.get(messageId) ?? [];
    const seen = (e: StoredTimelineEntry) => e.eventKey === entry.eventKey;
    if (stored.some(seen) || added.some(seen) || stored.length + added.length >= TIMELINE_CAP) return;
    this.appended.set(messageId, [...added, toStoredEntry(entry, this.options.now)]);
  }

  private queue(entry: OutboxEntry, cause: PendingReceipt['cause'], parent?: PublishOptions['parent']): void {
    if (this.queued.has(entry.id)) return;
    this.queued.add(entry.id);
    this.receipts.push({ entry, cause, parent });
  }
}

/** Key order differs between a loaded and a computed record; their content is what counts. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
