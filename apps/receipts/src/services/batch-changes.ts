import type { PublishOptions } from '@herald/kafka';
import type { LoadedMessage } from '../adapters/message.repository';
import type { MessageRecord, TimelineEntry } from '../domain/message-record';
import type { Transition } from '../domain/message-state.machine';
import { publishes, type PublishPolicy } from '../domain/publish-policy';
import { keptOutbox, replayedBy, type OutboxEntry } from '../domain/receipt-outbox';
import { receiptIdFor } from '../domain/receipt.builder';
import type { PendingReceipt } from './receipt-emitter';


/**
 * Everything one batch changes, accumulated in memory and written with one statement per table;
 * `receipts` are produced after the commit.
 */
export class BatchChanges {
  private readonly records = new Map<string, MessageRecord>();
  private readonly added = new Map<string, OutboxEntry[]>();
  private readonly queued = new Set<string>();
  readonly timeline: TimelineEntry[] = [];
  readonly receipts: PendingReceipt[] = [];
  readonly ignored: Array<{ kind: TimelineEntry['kind']; reason: string }> = [];

  constructor(
    private readonly loaded: ReadonlyMap<string, LoadedMessage>,
    private readonly produced: (id: string) => boolean,
    private readonly policy: PublishPolicy,
  ) {}

  /** The freshest version: changed earlier in this batch, else as loaded. */
  current(messageId: string): MessageRecord | undefined {
    return this.records.get(messageId) ?? this.loaded.get(messageId)?.record;
  }

  add(t: Transition, src: string, parent?: PublishOptions['parent']): void {
    const id = t.record.messageId;
    this.records.set(id, t.record);
    this.timeline.push(t.entry);
    if (t.receipt) {
      if (!publishes(this.policy, t.receipt.state)) return;
      const entry: OutboxEntry = { id: receiptIdFor(id, t.receipt.state), src, receipt: t.receipt };
      this.added.set(id, [...(this.added.get(id) ?? []), entry]);
      this.queue(entry, t.entry.kind, parent);
    } else if (t.entry.ignoredReason) this.ignored.push({ kind: t.entry.kind, reason: t.entry.ignoredReason });
  }

  /** Receipts an earlier run of this very record committed but may not have produced. */
  replay(messageId: string, src: string, parent?: PublishOptions['parent']): void {
    for (const entry of replayedBy(this.loaded.get(messageId)?.outbox ?? [], src, this.produced)) this.queue(entry, 'replay', parent);
  }

  changedRows(): LoadedMessage[] {
    return [...this.records.values()].map((record) => ({
      record,
      outbox: keptOutbox(this.loaded.get(record.messageId)?.outbox ?? [], this.added.get(record.messageId) ?? [], this.produced),
    }));
  }

  private queue(entry: OutboxEntry, cause: PendingReceipt['cause'], parent?: PublishOptions['parent']): void {
    if (this.queued.has(entry.id)) return;
    this.queued.add(entry.id);
    this.receipts.push({ entry, cause, parent });
  }
}
